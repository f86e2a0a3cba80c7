"""What stories bring to the shared pages. register() is all AppConfig.ready() calls."""


def register():
    pass
