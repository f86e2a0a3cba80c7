"""What surveys bring to the shared pages (core/registry.py). register() is all
AppConfig.ready() calls."""


def register():
    pass
