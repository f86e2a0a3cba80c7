from django.urls import path

from entraide.core import views
from entraide.core.models import LegalPage

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path(
        "confidentialite/",
        views.legal_page,
        {"kind": LegalPage.Kind.PRIVACY},
        name="privacy",
    ),
    path(
        "mentions-legales/",
        views.legal_page,
        {"kind": LegalPage.Kind.LEGAL_NOTICE},
        name="legal_notice",
    ),
]
