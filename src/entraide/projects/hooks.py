"""What the project catalogue brings to the shared pages (filled in once the pages exist)."""


def register():
    pass
