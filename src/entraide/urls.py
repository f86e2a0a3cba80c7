from django.contrib import admin
from django.urls import include, path

from entraide.accounts.urls import allauth_patterns

urlpatterns = [
    path("", include("entraide.core.urls")),
    path("compte/", include(allauth_patterns())),
    path("compte/", include("entraide.accounts.urls")),
    path("lieux/", include("entraide.places.urls")),
    path("ateliers/", include("entraide.workshops.urls")),
    path("sondages/", include("entraide.polls.urls")),
    path("admin/", admin.site.urls),
]
