"""The forms of surveys, a module per area."""
