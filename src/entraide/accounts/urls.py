from allauth.account import urls as allauth_account_urls
from django.urls import path
from django.urls.resolvers import RegexPattern, RoutePattern

from entraide.accounts import views

# French words for allauth's URLs; the URL names, which allauth reverses, stay the same.
FRENCH_SEGMENTS = [
    ("password/reset/key/", "mot-de-passe/reinitialiser/cle/"),
    ("password/reset/", "mot-de-passe/reinitialiser/"),
    ("password/change/", "mot-de-passe/modifier/"),
    ("password/set/", "mot-de-passe/definir/"),
    ("login/code/confirm/", "connexion/code/confirmer/"),
    ("login/code/", "connexion/code/"),
    ("login/", "connexion/"),
    ("logout/", "deconnexion/"),
    ("signup/", "inscription/"),
    ("inactive/", "inactif/"),
    ("reauthenticate/", "reauthentification/"),
    ("confirm-email/", "confirmer-adresse/"),
    ("email/", "adresses/"),
    ("done/", "termine/"),
]


def _french(route: str) -> str:
    for english, french in FRENCH_SEGMENTS:
        route = route.replace(english, french, 1)
    return route


def allauth_patterns():
    patterns = []
    for pattern in allauth_account_urls.urlpatterns:
        route = str(pattern.pattern)
        if isinstance(pattern.pattern, RoutePattern):
            pattern.pattern = RoutePattern(_french(route), name=pattern.name, is_endpoint=True)
        elif isinstance(pattern.pattern, RegexPattern):
            pattern.pattern = RegexPattern(_french(route), name=pattern.name, is_endpoint=True)
        patterns.append(pattern)
    return patterns


app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/export.json", views.my_data_export, name="my_data_export"),
    path("supprimer/", views.delete_account, name="delete_account"),
    path("langue/", views.set_language, name="set_language"),
    path("resume-quotidien/", views.digest, name="digest"),
]
