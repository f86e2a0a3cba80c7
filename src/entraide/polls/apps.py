from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "entraide.polls"
    verbose_name = _("Availability polls")

    def ready(self):
        from entraide.polls import hooks

        hooks.register()
