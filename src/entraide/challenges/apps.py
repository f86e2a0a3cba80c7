from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "entraide.challenges"
    verbose_name = _("Challenges")

    def ready(self):
        from entraide.challenges import hooks

        hooks.register()
