import pytest
from django.urls import reverse

from entraide.core.models import LegalPage

pytestmark = pytest.mark.django_db


def test_home_speaks_french_by_default_even_to_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text
    assert "Agir ensemble pour un numérique responsable" in response.text
    assert 'href="/lieux/"' in response.text


def test_the_language_switch_works_without_javascript(client):
    response = client.post("/compte/langue/", {"language": "en", "next": "/lieux/"})
    assert response.status_code == 302
    assert response["Location"] == "/lieux/"
    page = client.get("/lieux/")
    assert '<html lang="en">' in page.text
    assert "Directory of places" in page.text


def test_a_signed_in_person_keeps_the_language_they_chose(client_for, alice):
    client = client_for(alice)
    client.post("/compte/langue/", {"language": "en", "next": "/"})
    alice.refresh_from_db()
    assert alice.language == "en"
    client.cookies.clear()
    client.force_login(alice)
    assert '<html lang="en">' in client.get("/").text


def test_every_response_carries_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "<script" not in response.text
    assert "style=" not in response.text


def test_footer_links_to_the_privacy_page_and_legal_notice(client):
    home = client.get("/").text
    assert f'href="{reverse("core:privacy")}"' in home
    assert f'href="{reverse("core:legal_notice")}"' in home
    privacy = client.get(reverse("core:privacy"))
    assert "Confidentialité et données personnelles" in privacy.text
    assert "Mes données" in privacy.text


def test_an_administrator_edits_the_legal_notice(client_for, alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client = client_for(alice)
    page = LegalPage.objects.get(kind=LegalPage.Kind.LEGAL_NOTICE)
    url = reverse("admin:core_legalpage_change", args=[page.pk])
    response = client.post(
        url,
        {
            "kind": page.kind,
            "title": "Mentions légales",
            "body": "Édité par **l'association La Verrière**.<script>x</script>",
        },
    )
    assert response.status_code == 302
    shown = client.get(reverse("core:legal_notice")).text
    assert "Édité par <strong>l&#x27;association La Verrière</strong>." in shown or (
        "Édité par <strong>l'association La Verrière</strong>." in shown
    )
    assert "<script>x" not in shown


def test_an_unknown_page_gets_a_friendly_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
