"""What challenges bring to the shared pages. For now only the addresses of its private links
(their token is masked in logs and kept out of Referers): the menu, the home page, the
organiser space and "My data" come with the pages. register() is all AppConfig.ready() calls."""

from entraide.core import registry


def register():
    registry.register_private_paths(
        ("defis", r"[-\w]+", "moi"),
    )
