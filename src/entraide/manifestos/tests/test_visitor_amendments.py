"""An amendment without an account: a name and an address; nobody sees it until its author
confirms through the private link mailed to her (a button, not the visit), in the language of
the page she proposed it on. The same link lets her withdraw it. A forged link leads nowhere;
an expired one says so; the address's mail budget holds."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from entraide.manifestos import services
from entraide.manifestos.models import Amendment, AmendmentStatus, Phase
from entraide.manifestos.tests.conftest import drafting

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(manifesto, bob):
    drafting(manifesto, bob)
    section = services.add_section(
        manifesto, title="Politique", body="Le numérique est politique.", by=bob
    )
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return section


def propose_url(section):
    return f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/amender/"


def discussion_url(section):
    return f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/discussion/"


def visitor_form(**extra):
    return {
        "kind": "remplacer",
        "title": "Politique",
        "body": "Le numérique est politique et collectif.",
        "rationale": "Le collectif compte.",
        "name": "Dominique",
        "email": "dominique@example.org",
        **extra,
    }


def link_in(message):
    return re.search(r"https?://[^/\s]+(/manifestes/amendement/[\w-]+/)", message.body).group(1)


def propose(client, section, **extra):
    response = client.post(propose_url(section), visitor_form(**extra))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def test_a_visitor_proposes_confirms_and_everyone_then_reads_it(client, section, bob, client_for):
    response = propose(client, section)
    assert response["Location"] == "/manifestes/amendement/verifiez-vos-mails/"
    waiting = client.get(response["Location"]).text
    assert "dominique@example.org" in waiting
    (message,) = mail.outbox
    assert message.to == ["dominique@example.org"]
    assert "Confirmez votre amendement" in message.subject
    amendment = Amendment.objects.get()
    assert amendment.author is None
    assert amendment.author_name == "Dominique"

    # Unconfirmed: nobody sees it, not on the text, not at its address, not for organisers.
    manifesto_url = section.manifesto.get_absolute_url()
    listed_at = discussion_url(section)
    assert "Dominique" not in client.get(listed_at).text
    assert client.get(f"{manifesto_url}amendements/{amendment.pk}/").status_code == 404
    managing = client_for(bob).get(f"/manifestes/gerer/{section.manifesto.slug}/").text
    assert "Dominique" not in managing

    link = link_in(message)
    visit = client.get(link)  # a mail scanner opening the link confirms nothing
    assert visit.status_code == 200
    assert "Confirmer et publier" in visit.text
    assert Amendment.objects.get().confirmed_at is None
    confirmed = client.post(link + "confirmer/")
    assert confirmed.status_code == 302
    assert Amendment.objects.get().is_public
    assert "Dominique" in client.get(listed_at).text
    public = client.get(f"{manifesto_url}amendements/{amendment.pk}/")
    assert public.status_code == 200
    assert "collectif" in public.text
    again = client.post(link + "confirmer/")  # twice changes nothing
    assert again.status_code == 302
    assert Amendment.objects.get().is_public


def test_the_confirmation_mail_speaks_the_language_of_the_page(client, section):
    client.cookies["django_language"] = "en"
    propose(client, section)
    (message,) = mail.outbox
    assert message.subject.endswith(
        "Confirm your amendment to “Manifeste du numérique responsable”"
    )
    assert "Someone, probably you, proposed an amendment" in message.body


def test_its_author_withdraws_it_through_the_link(client, section):
    propose(client, section)
    link = link_in(mail.outbox[0])
    client.post(link + "confirmer/")
    response = client.post(link + "retirer/")
    assert response.status_code == 302
    assert Amendment.objects.get().status == AmendmentStatus.WITHDRAWN
    page = client.get(link).text
    assert "Retirer mon amendement" not in page


def test_a_forged_link_leads_nowhere_and_acts_on_nothing(client, section):
    propose(client, section)
    link = link_in(mail.outbox[0])
    forged = link[:-5] + "abcd/"
    assert client.get(forged).status_code == 404
    assert client.post(forged + "confirmer/").status_code == 404
    assert client.post(forged + "retirer/").status_code == 404
    assert Amendment.objects.get().confirmed_at is None
    assert Amendment.objects.get().status == AmendmentStatus.OPEN


def test_one_link_acts_only_on_its_own_amendment(client, section):
    propose(client, section)
    propose(client, section, email="camille@example.org", name="Camille")
    first, second = Amendment.objects.order_by("pk")
    services.confirm_amendment(link_in(mail.outbox[1]).rstrip("/").rsplit("/", 1)[1])
    response = client.post(link_in(mail.outbox[0]) + "retirer/")
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == AmendmentStatus.WITHDRAWN
    assert second.status == AmendmentStatus.OPEN


def test_an_expired_link_says_so_and_publishes_nothing(client, section):
    propose(client, section)
    Amendment.objects.update(created_at=timezone.now() - timedelta(hours=49))
    link = link_in(mail.outbox[0])
    assert "a expiré" in client.get(link).text
    response = client.post(link + "confirmer/")
    assert response.status_code == 400
    assert Amendment.objects.get().confirmed_at is None


def test_once_amendments_close_an_unconfirmed_one_cannot_be_published(client, section, bob):
    propose(client, section)
    services.switch_phase(section.manifesto, Phase.AMENDMENTS_CLOSED, by=bob)
    response = client.post(link_in(mail.outbox[0]) + "confirmer/")
    assert response.status_code == 400
    assert "ne sont pas ouverts" in response.text
    assert Amendment.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "pas-une-adresse"), ("email", ""), ("name", ""), ("name", "   ")],
)
def test_a_bad_name_or_address_is_said_beside_it_and_saves_nothing(client, section, field, value):
    response = client.post(propose_url(section), visitor_form(**{field: value}))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Amendment.objects.exists()
    assert not mail.outbox


def test_script_in_the_name_is_refused_beside_it(client, section):
    response = client.post(propose_url(section), visitor_form(name="<script>alert(1)</script>"))
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not Amendment.objects.exists()
    assert "<script>alert(1)</script>" not in response.text


def test_an_ampersand_in_the_name_reads_as_typed(client, section):
    propose(client, section, name="Dominique & Co")
    client.post(link_in(mail.outbox[0]) + "confirmer/")
    page = client.get(discussion_url(section)).text
    assert "Dominique &amp; Co" in page


def test_an_address_gets_a_bounded_number_of_mails(client, section, settings):
    settings.ENTRAIDE_MAILS_PER_ADDRESS = 2
    propose(client, section)
    propose(client, section, body="Autre texte.")
    response = client.post(propose_url(section), visitor_form(body="Encore un."))
    assert response.status_code == 429
    assert response.context["form"].errors["email"]
    assert Amendment.objects.count() == 2
    assert len(mail.outbox) == 2


def test_reading_the_form_sets_no_cookie(client, section):
    response = client.get(propose_url(section))
    assert response.status_code == 200
    assert not response.cookies


def test_when_the_section_changes_its_author_updates_it_through_the_link(client, section, bob):
    propose(client, section)
    link = link_in(mail.outbox[0])
    client.post(link + "confirmer/")
    other = services.propose_amendment(
        section.manifesto, kind="remplacer", section=section, title="Politique",
        body="Le numérique est politique, et local.", rationale="Ancrer.", by=bob,
    )  # fmt: skip
    services.decisions.accept(other, reason="Adopté.", by=bob)
    page = client.get(link).text
    assert "Mettre à jour mon amendement" in page
    form_page = client.get(link + "mettre-a-jour/")
    assert form_page.status_code == 200
    assert "Le numérique est politique, et local." in form_page.text  # the current text
    response = client.post(
        link + "mettre-a-jour/",
        {"title": "Politique", "body": "Le numérique est politique, local et collectif.",
         "rationale": "Le collectif compte."},
    )  # fmt: skip
    assert response.status_code == 302
    mine = Amendment.objects.get(author__isnull=True)
    assert mine.base_body == "Le numérique est politique, et local."
    assert mine.body == "Le numérique est politique, local et collectif."
    assert "Mettre à jour mon amendement" not in client.get(link).text


def test_an_up_to_date_amendment_offers_no_update(client, section):
    propose(client, section)
    link = link_in(mail.outbox[0])
    client.post(link + "confirmer/")
    response = client.get(link + "mettre-a-jour/")
    assert response.status_code == 302
