from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "entraide.core"
    verbose_name = _("Entraide")

    def ready(self):
        from entraide.core import (
            checks,  # noqa: F401  (registers the system checks)
            page_cache,
        )

        page_cache.watch_writes()
