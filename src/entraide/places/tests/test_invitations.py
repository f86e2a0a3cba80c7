import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from entraide.core.models import OutgoingMail
from entraide.places import services
from entraide.places.errors import PlaceErrorCode
from entraide.places.models import Invitation, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(client, place, email):
    return client.post(f"/lieux/gerer/{place.slug}/inviter/", {"email": email})


def link_in(message):
    return re.search(r"http://testserver(/lieux/invitation/\S+/)", message.body).group(1)


def test_an_invitation_reaches_someone_without_an_account(client_for, client, bob, place):
    response = invite(client_for(bob), place, "Dominique@Example.org")
    assert response.status_code == 302
    assert mail.outbox[0].to == ["dominique@example.org"]
    assert mail.outbox[0].subject == "[Entraide] Invitation à animer La Verrière"
    assert "Bob vous invite" in mail.outbox[0].body
    link = link_in(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert f"/compte/inscription/?next={link.replace('/', '%2F')}" in page.text


def test_accepting_an_invitation_makes_an_organiser(client_for, bob, charlie, place):
    invite(client_for(bob), place, charlie.email)
    link = link_in(mail.outbox[0])
    client = client_for(charlie)
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == f"/lieux/gerer/{place.slug}/"
    assert Membership.objects.filter(place=place, user=charlie).exists()
    again = client.post(link)
    assert again.status_code == 404  # a used link gives nothing away
    assert "Cette invitation n" in again.text
    assert "est plus valable" in again.text


def test_a_tampered_or_expired_link_is_refused(client_for, bob, charlie, place):
    invite(client_for(bob), place, charlie.email)
    link = link_in(mail.outbox[0])
    client = client_for(charlie)
    assert client.post(link[:-3] + "xx/").status_code == 404
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.post(link).status_code == 404
    assert not Membership.objects.filter(user=charlie).exists()


def test_inviting_again_renews_the_link_and_the_old_one_stops_working(client_for, bob, place):
    client = client_for(bob)
    invite(client, place, "dom@example.org")
    invite(client, place, "DOM@example.org")
    assert Invitation.objects.count() == 1
    assert client.get(link_in(mail.outbox[0])).status_code == 404
    assert client.get(link_in(mail.outbox[1])).status_code == 200


def test_inviting_a_current_organiser_or_a_bad_address_is_explained(client_for, bob, place):
    client = client_for(bob)
    taken = invite(client, place, bob.email)
    assert taken.status_code == 400
    assert taken.context["invitation_form"].has_error("email", PlaceErrorCode.ALREADY_ORGANISER)
    bad = invite(client, place, "pas une adresse")
    assert bad.status_code == 400
    assert bad.context["invitation_form"].errors["email"]
    assert mail.outbox == []


def test_an_organiser_withdraws_an_invitation(client_for, bob, place):
    client = client_for(bob)
    invite(client, place, "dom@example.org")
    invitation = Invitation.objects.get()
    response = client.post(f"/lieux/gerer/{place.slug}/invitations/{invitation.pk}/retirer/")
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert client.get(link_in(mail.outbox[0])).status_code == 404


def test_only_organisers_invite(client_for, alice, place):
    assert invite(client_for(alice), place, "x@example.org").status_code == 403
    assert mail.outbox == []


def test_an_invitation_is_accepted_only_by_an_account_that_verified_its_address(
    client_for, bob, charlie, place
):
    from allauth.account.models import EmailAddress

    invite(client_for(bob), place, "Dominique@example.org")
    link = link_in(mail.outbox[0])
    client = client_for(charlie)
    page = client.get(link)
    assert page.status_code == 200
    assert "Cette invitation a été envoyée à dominique@example.org." in page.text
    assert (
        "Vous êtes connecté·e avec charlie@example.org : pour l’accepter, connectez-vous avec "
        "le compte de dominique@example.org, ou ajoutez cette adresse à votre compte et "
        "confirmez-la, puis revenez à ce lien."
    ) in page.text
    assert 'href="/compte/adresses/"' in page.text
    assert f'<input type="hidden" name="next" value="{link}">' in page.text
    assert "Accepter l’invitation" not in page.text

    refused = client.post(link)
    assert refused.status_code == 403
    assert "ajoutez cette adresse à votre compte" in refused.text
    assert not Membership.objects.filter(user=charlie).exists()
    assert Invitation.objects.get().accepted_at is None

    unverified = EmailAddress.objects.create(user=charlie, email="dominique@example.org")
    assert client.post(link).status_code == 403
    unverified.verified = True
    unverified.save()
    accepted = client.post(link)
    assert accepted["Location"] == f"/lieux/gerer/{place.slug}/"
    assert Membership.objects.filter(place=place, user=charlie).exists()
    signed_out = client.post("/compte/deconnexion/", {"next": link})
    assert signed_out["Location"] == link


def test_an_invitation_speaks_the_invited_account_s_language_and_replies_reach_the_place(
    client_for, bob, place
):
    UserFactory(email="camille@example.org", language="en")
    place.contact_email = "bonjour@laverriere.example.org"
    place.save()
    invite(client_for(bob), place, "Camille@example.org")  # bob reads French
    (message,) = mail.outbox
    assert message.subject == "[Entraide] Invitation to run La Verrière"
    assert "Bob invites you to join the organisers of La Verrière" in message.body
    assert message.reply_to == ["bonjour@laverriere.example.org"]


def test_an_address_without_an_account_is_invited_in_the_inviter_s_language(client_for, place):
    sam = UserFactory(email="sam@example.org", display_name="Sam", language="en")
    place.memberships.create(user=sam)
    invite(client_for(sam), place, "dom@example.org")
    (message,) = mail.outbox
    assert message.subject == "[Entraide] Invitation to run La Verrière"
    assert message.reply_to == []  # the place gives no contact address


def test_an_invitation_rolled_back_leaves_no_mail_in_the_outbox(settings, bob, place):
    settings.EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
    queued = []

    def invite_then_fail():
        with transaction.atomic():
            services.invite_organiser(place, email="dom@example.org", by=bob, site_url="")
            queued.append(OutgoingMail.objects.count())
            raise RuntimeError("the request failed after the invitation")

    with pytest.raises(RuntimeError):
        invite_then_fail()
    assert queued == [1]
    assert (Invitation.objects.count(), OutgoingMail.objects.count()) == (0, 0)
