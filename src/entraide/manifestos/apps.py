from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManifestosConfig(AppConfig):
    name = "entraide.manifestos"
    verbose_name = _("Manifestos")

    def ready(self):
        from entraide.manifestos import hooks

        hooks.register()
