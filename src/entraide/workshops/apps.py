from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "entraide.workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from entraide.workshops import hooks

        hooks.register()
