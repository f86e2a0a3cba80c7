from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "entraide.places"
    verbose_name = _("Places")

    def ready(self):
        from entraide.places import hooks

        hooks.register()
