from allauth.account.decorators import secure_admin_login
from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from entraide.accounts.urls import allauth_patterns
from entraide.places.space import space

# The administration is entered through the site's sign-in (allauth), with its limits on failed
# attempts and its sign-in codes; the admin's own form, which has no such limits, is never shown.
admin.site.login = secure_admin_login(admin.site.login)

# Each capability's addresses, under a French prefix: only those of the apps in INSTALLED_APPS
# are served, so that a capability removed from it leaves no address behind.
APP_URLS = {
    "workshops": ("ateliers/", "entraide.workshops.urls"),
    "polls": ("sondages/", "entraide.polls.urls"),
    "manifestos": ("manifestes/", "entraide.manifestos.urls"),
    "surveys": ("enquetes/", "entraide.surveys.urls"),
    "challenges": ("defis/", "entraide.challenges.urls"),
    "stories": ("recits/", "entraide.stories.urls"),
    "projects": ("projets/", "entraide.projects.urls"),
}

urlpatterns = [
    path("", include("entraide.core.urls")),
    path("compte/", include(allauth_patterns())),
    path("compte/", include("entraide.accounts.urls")),
    path("espace/", space, name="space"),
    path("lieux/", include("entraide.places.urls")),
    *(
        path(prefix, include(module))
        for label, (prefix, module) in APP_URLS.items()
        if apps.is_installed(f"entraide.{label}")
    ),
    path("admin/", admin.site.urls),
]
