from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "entraide.stories"
    verbose_name = _("Stories of the transition")

    def ready(self):
        from entraide.stories import hooks

        hooks.register()
