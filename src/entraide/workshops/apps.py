from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "entraide.workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from entraide.workshops import digest, hooks, space

        hooks.register()
        space.register()
        digest.register()
