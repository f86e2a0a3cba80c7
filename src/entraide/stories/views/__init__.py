"""The pages of stories, one module per group of pages."""
