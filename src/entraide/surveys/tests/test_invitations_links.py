"""Invitations: single-use links mailed in each person's language, counts only for the team,
one answer per link, a used link said plainly, a tampered one unknown."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.surveys.errors import SurveyErrorCode as Code
from entraide.surveys.models import Invitation, Response
from entraide.surveys.services import invitations
from entraide.surveys.tests.answering_helpers import GOOD, form_data
from entraide.workshops import services as workshop_services
from tests.factories import UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db
CONTACT = "enquetes@laverriere.example.org"


def page(survey):
    return f"/enquetes/gerer/{survey.slug}/invitations/"


@pytest.fixture
def contact(place):
    place.contact_email = CONTACT
    place.save()
    return CONTACT


def test_pasted_addresses_are_invited_once_each_and_mailed_their_link(
    client, open_survey, bob, contact
):
    client.force_login(bob)
    pasted = "lea@example.org, sam@example.org;\nLEA@example.org\nKim <kim@example.org>"

    response = client.post(
        page(open_survey), {"action": "inviter", "addresses": pasted, "language": "fr"}
    )

    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "kim@example.org", "lea@example.org", "sam@example.org",
    ]  # fmt: skip
    shown = client.get(page(open_survey)).content.decode()
    assert "3 personnes invitées. 1 adresse ignorée\u00a0: en double ou déjà invitée." in shown
    assert "0 lien utilisé" in shown
    assert "Une relance est possible dès le lendemain des invitations." in shown
    got = {message.to[0]: message for message in mail.outbox}
    lea = got["lea@example.org"]
    assert lea.subject == "[Entraide] Enquête\u00a0: Nos écrans et nous"
    assert lea.reply_to == [CONTACT]
    link = (
        settings.ENTRAIDE_SITE_URL
        + Invitation.objects.get(email="lea@example.org").get_absolute_url()
    )
    assert link in lea.body
    assert "sam@example.org" not in lea.body


def test_addresses_already_invited_are_skipped_and_counted(open_survey):
    invitations.invite(open_survey, ["lea@example.org"])

    outcome = invitations.invite(open_survey, ["Lea@example.org", "sam@example.org"])

    assert (outcome.invited, outcome.skipped, len(mail.outbox)) == (1, 1, 2)


def test_an_invalid_address_is_listed_back_and_nothing_is_sent(client, open_survey, bob):
    client.force_login(bob)

    response = client.post(
        page(open_survey),
        {"action": "inviter", "addresses": "lea@example.org\nsam(at)example.org", "language": "fr"},
    )

    assert response.status_code == 400
    assert response.context["form"].has_error("addresses", Code.BAD_ADDRESS)
    assert "sam(at)example.org" in response.content.decode()
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_more_than_500_addresses_at_once_are_refused(open_survey):
    with pytest.raises(DomainError) as refused:
        invitations.invite(open_survey, [f"p{i}@example.org" for i in range(501)])

    assert refused.value.code == Code.TOO_MANY_ADDRESSES
    assert Invitation.objects.count() == 0


def test_the_page_is_for_the_team_only(client, open_survey, alice):
    client.force_login(alice)

    assert client.get(page(open_survey)).status_code == 403


def test_each_mail_speaks_the_language_chosen_or_the_one_a_person_registered_in(
    place, open_survey, contact
):
    workshop = WorkshopFactory(place=place)
    workshop_services.register(workshop, by=UserFactory(email="kim@example.org", language="en"))
    open_survey.workshop = workshop
    open_survey.save()

    invitations.invite_registrants(open_survey, language="fr")
    invitations.invite(open_survey, ["lea@example.org"], language="fr")

    got = {message.to[0]: message for message in mail.outbox}
    assert got["kim@example.org"].subject == "[Entraide] Survey: Nos écrans et nous"
    assert got["kim@example.org"].body.startswith("Hello,")
    assert got["lea@example.org"].subject == "[Entraide] Enquête\u00a0: Nos écrans et nous"
    assert got["kim@example.org"].reply_to == [CONTACT]


def test_an_invitation_link_takes_one_answer_and_then_says_it_has_served(client, open_survey):
    invitations.invite(open_survey, ["lea@example.org"])
    link = Invitation.objects.get().get_absolute_url()

    shown = client.get(link)
    sent = client.post(link, form_data(open_survey, GOOD))
    again = client.post(link, form_data(open_survey, GOOD))

    assert shown.status_code == 200
    assert "Vous avez reçu ce lien personnel" in shown.content.decode()
    assert sent.status_code == 302
    assert Invitation.objects.get().used_on == timezone.localdate()
    assert again.status_code == 410
    assert "Ce lien a déjà servi\u00a0: une seule réponse par invitation." in again.content.decode()
    assert Response.objects.count() == 1


def test_a_tampered_link_leads_nowhere(client, open_survey):
    invitations.invite(open_survey, ["lea@example.org"])
    link = Invitation.objects.get().get_absolute_url()

    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-2] + ("00" if token[-2:] != "00" else "11")  # never the link itself

    assert client.get(link.replace(token, tampered)).status_code == 404


def test_a_survey_by_invitation_only_takes_the_answer_of_a_link(client, open_survey):
    open_survey.invitation_only = True
    open_survey.save()
    invitations.invite(open_survey, ["lea@example.org"])

    sent = client.post(Invitation.objects.get().get_absolute_url(), form_data(open_survey, GOOD))

    assert (sent.status_code, Response.objects.count()) == (302, 1)


def test_a_used_link_in_the_service_refuses_and_writes_nothing(open_survey):
    from entraide.surveys.services import answering
    from entraide.surveys.tests.test_answering_service import good

    invitations.invite(open_survey, ["lea@example.org"])
    token = Invitation.objects.get().private_token()
    Invitation.objects.update(used_on=timezone.localdate())

    with pytest.raises(DomainError) as used:
        answering.submit(open_survey, good(open_survey), invitation_token=token)
    with pytest.raises(DomainError) as unknown:
        answering.submit(open_survey, good(open_survey), invitation_token="0" * 64)

    assert (used.value.code, unknown.value.code) == (Code.INVITATION_USED, Code.INVITATION_UNKNOWN)
    assert Response.objects.count() == 0


def test_a_reminder_goes_once_a_day_to_the_links_not_used(client, open_survey, bob):
    invitations.invite(open_survey, ["lea@example.org", "sam@example.org"])
    Invitation.objects.update(invited_on=timezone.localdate() - timezone.timedelta(days=3))
    Invitation.objects.filter(email="sam@example.org").update(used_on=timezone.localdate())
    mail.outbox.clear()
    client.force_login(bob)

    assert "Relancer la 1 personne" in client.get(page(open_survey)).content.decode()
    client.post(page(open_survey), {"action": "relancer"})
    client.post(page(open_survey), {"action": "relancer"})

    assert [m.to for m in mail.outbox] == [["lea@example.org"]]
    assert mail.outbox[0].subject == "[Entraide] Rappel\u00a0: Nos écrans et nous"
    assert "Un rappel est parti aujourd’hui" in client.get(page(open_survey)).content.decode()


def test_the_registrants_of_the_linked_series_are_invited_from_the_page(
    client, place, open_survey, bob
):
    from tests.factories import SeriesFactory

    series = SeriesFactory(place=place)
    first = WorkshopFactory(place=place, series=series, position=1)
    workshop_services.register(first, by=UserFactory(email="kim@example.org", language="en"))
    open_survey.series = series
    open_survey.save()
    client.force_login(bob)

    shown = client.get(page(open_survey)).content.decode()
    response = client.post(page(open_survey), {"action": "participants"})

    assert "Inviter les participant·es" in shown
    assert response.status_code == 302
    assert list(Invitation.objects.values_list("email", "language")) == [("kim@example.org", "en")]


def test_the_participants_invited_are_the_confirmed_ones_not_those_waiting_or_absent(
    place, open_survey
):
    workshop = WorkshopFactory(place=place, capacity=2)
    for email in ["ana@example.org", "ben@example.org", "cyd@example.org"]:
        workshop_services.register(workshop, by=UserFactory(email=email))
    workshop.registrations.filter(email="ben@example.org").update(attended=False)
    open_survey.workshop = workshop
    open_survey.save()

    invitations.invite_registrants(open_survey)

    # cyd waits for a seat (capacity 2), ben's seat was confirmed but he was marked absent
    assert list(Invitation.objects.values_list("email", flat=True)) == ["ana@example.org"]
