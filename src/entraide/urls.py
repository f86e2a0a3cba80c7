from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from entraide.accounts.urls import allauth_patterns
from entraide.places.space import space

# The administration is entered through the site's sign-in (allauth), with its limits on failed
# attempts and its sign-in codes; the admin's own form, which has no such limits, is never shown.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("entraide.core.urls")),
    path("compte/", include(allauth_patterns())),
    path("compte/", include("entraide.accounts.urls")),
    path("espace/", space, name="space"),
    path("lieux/", include("entraide.places.urls")),
    path("ateliers/", include("entraide.workshops.urls")),
    path("sondages/", include("entraide.polls.urls")),
    path("admin/", admin.site.urls),
]
