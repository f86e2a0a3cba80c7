from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "entraide.projects"
    verbose_name = _("Project catalogue")

    def ready(self):
        from entraide.projects import hooks

        hooks.register()
