"""Signing the latest published version of a manifesto: with an address confirmed by mail, or in
one step when signed in with a verified address; the private link (confirm, withdraw); the
public list of signatories; what a place's page, "My data" and account deletion show."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import Signature
from entraide.manifestos.services import signatures
from entraide.manifestos.services.housekeeping import drop_unconfirmed
from entraide.manifestos.tests.publishing import publish
from entraide.workshops import services as workshops
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def sign_url(manifesto):
    return reverse("manifestos:sign", args=[manifesto.slug])


def list_url(manifesto):
    return reverse("manifestos:signatories", args=[manifesto.slug])


def form(version, **fields):
    return {"version": version.number, "name": "Amina Diallo", "email": "amina@example.org"} | (
        fields
    )


def link_in(message):
    return re.search(r"https?://[^/\s]+(/manifestes/signature/[\w-]+/)", message.body).group(1)


def sign_by_mail(client, version, **fields):
    """Sign without an account and confirm through the mailed link; the signature."""
    mail.outbox.clear()
    response = client.post(sign_url(version.manifesto), form(version, **fields))
    assert response.status_code == 302
    client.post(link_in(mail.outbox[-1]), {"action": "confirm"})
    return Signature.objects.get(email=fields.get("email", "amina@example.org"))


# Without an account: sign, receive the link, confirm.


def test_a_visitor_signs_then_confirms_through_the_mailed_link(client, manifesto, version):
    response = client.post(sign_url(manifesto), form(version, comment="Enfin !"))

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "amina@example.org" in page.text  # "check your mailbox", with the address typed
    signature = Signature.objects.get()
    assert (signature.is_confirmed, signature.user, signature.version) == (False, None, version)
    assert "Amina Diallo" not in client.get(list_url(manifesto)).text  # not before confirming
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    assert manifesto.title in message.subject

    link = link_in(message)
    shown = client.get(link)
    assert shown.status_code == 200
    assert "Confirm my signature" in shown.text or "Confirmer ma signature" in shown.text
    assert not Signature.objects.get().is_confirmed  # following the link confirms nothing
    client.post(link, {"action": "confirm"})

    assert Signature.objects.get().is_confirmed
    listed = squeeze(client.get(list_url(manifesto)).text)
    assert "Amina Diallo" in listed
    assert "Enfin !" in listed


def test_the_signer_withdraws_her_signature_through_the_link(client, manifesto, version):
    signature = sign_by_mail(client, version)

    response = client.post(signature.private_url(), {"action": "withdraw"})

    assert response.status_code == 302
    assert not Signature.objects.exists()
    assert "Amina Diallo" not in client.get(list_url(manifesto)).text
    assert client.get(signature.private_url()).status_code == 404  # the link is gone with it


def test_signing_again_with_the_same_address_answers_the_same_and_mails_the_link(
    client, manifesto, version
):
    first = client.post(sign_url(manifesto), form(version))
    client.post(link_in(mail.outbox[-1]), {"action": "confirm"})
    mail.outbox.clear()

    again = client.post(
        sign_url(manifesto), form(version, name="Quelqu’un d’autre", email=" AMINA@example.org")
    )

    assert again.status_code == first.status_code == 302
    assert again["Location"] == first["Location"]  # the same neutral answer
    signature = Signature.objects.get()
    assert signature.name == "Amina Diallo"  # nothing changed
    (message,) = mail.outbox
    assert "already signed" in message.body or "déjà signé" in message.body
    assert link_in(message) == signature.private_url()


def test_an_unconfirmed_signature_asked_again_takes_the_new_details(client, manifesto, version):
    client.post(sign_url(manifesto), form(version, name="Amina D."))
    client.post(sign_url(manifesto), form(version, name="Amina Diallo"))

    signature = Signature.objects.get()
    assert (signature.name, signature.is_confirmed) == ("Amina Diallo", False)
    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[0]) == link_in(mail.outbox[1])


def test_an_unconfirmed_signature_expires(client, manifesto, version, settings):
    client.post(sign_url(manifesto), form(version))
    link = link_in(mail.outbox[-1])
    too_old = timezone.now() - timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS + 1)
    Signature.objects.update(created_at=too_old)

    response = client.post(link, {"action": "confirm"}, follow=True)

    assert ManifestoErrorCode.CONFIRMATION_EXPIRED in [
        m.extra_tags for m in response.context["messages"]
    ]
    assert not Signature.objects.get().is_confirmed
    assert drop_unconfirmed() == (0, 1)  # the daily clean-up: no amendment, one signature
    assert client.get(link).status_code == 404
    client.post(sign_url(manifesto), form(version))  # signing again starts afresh
    assert Signature.objects.count() == 1


# Signed in with a verified address: one step.


def test_a_signed_in_person_with_a_verified_address_signs_in_one_step(
    client_for, alice, manifesto, version
):
    client = client_for(alice)
    page = client.get(sign_url(manifesto))
    assert 'name="email"' not in page.text

    response = client.post(sign_url(manifesto), {"version": version.number, "name": "Alice"})

    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.user, signature.email, signature.is_confirmed) == (
        alice,
        "alice@example.org",
        True,
    )
    assert "Alice" in client.get(list_url(manifesto)).text
    (message,) = mail.outbox
    assert link_in(message) == signature.private_url()


def test_signing_in_one_step_takes_over_an_unconfirmed_signature_of_the_address(
    client, client_for, alice, manifesto, version
):
    client.post(sign_url(manifesto), form(version, name="Usurpatrice", email="alice@example.org"))

    client_for(alice).post(sign_url(manifesto), {"version": version.number, "name": "Alice"})

    signature = Signature.objects.get()
    assert (signature.name, signature.user, signature.is_confirmed) == ("Alice", alice, True)


# What is refused, beside the field, with nothing recorded.


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("name", "   "), ("comment", "x" * 200_000), ("email", "pas-une-adresse")],
)
def test_bad_input_is_refused_beside_its_field(client, manifesto, version, field, value):
    response = client.post(sign_url(manifesto), form(version, **{field: value}))

    assert response.status_code == 400
    assert response.context["form"].has_error(field)
    assert f'aria-describedby="id_{field}_error' in response.text or "aria-invalid" in response.text
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_a_place_that_does_not_exist_is_refused(client, manifesto, version):
    response = client.post(sign_url(manifesto), form(version, place="999999"))

    assert response.status_code == 400
    assert response.context["form"].has_error("place")
    assert not Signature.objects.exists()


@pytest.mark.parametrize("email", ["", "   ", "pas-une-adresse"])
def test_the_service_refuses_a_missing_or_invalid_address(manifesto, version, email):
    with pytest.raises(signatures.DomainError) as refused:
        signatures.sign(version, name="Amina", email=email)
    assert refused.value.code == ManifestoErrorCode.INVALID_EMAIL
    assert not Signature.objects.exists()


def test_a_place_awaiting_approval_is_refused_by_the_service(manifesto, version):
    proposal = PlaceFactory(status="propose")
    with pytest.raises(signatures.DomainError) as refused:
        signatures.sign(version, name="Amina", email="a@example.org", place_id=proposal.pk)
    assert refused.value.code == ManifestoErrorCode.UNKNOWN_PLACE


def test_an_older_version_takes_no_new_signature(client, manifesto, version, bob):
    older_signature = sign_by_mail(client, version, email="early@example.org")
    newer = publish(manifesto, by=bob)

    response = client.post(sign_url(manifesto), form(version))  # the form read before V1

    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", ManifestoErrorCode.VERSION_CLOSED)
    assert list(Signature.objects.all()) == [older_signature]  # the older one keeps its own
    assert client.post(sign_url(manifesto), form(newer)).status_code == 302
    assert Signature.objects.filter(version=newer).count() == 1
    older_list = reverse("manifestos:version_signatories", args=[manifesto.slug, version.number])
    assert "Amina Diallo" in client.get(older_list).text


@pytest.mark.parametrize("number", ["7", "-1", "zéro"])
def test_a_version_number_that_is_no_version_is_refused(client, manifesto, version, number):
    response = client.post(sign_url(manifesto), form(version) | {"version": number})

    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_nothing_to_sign_before_a_version_is_published(client, manifesto):
    assert client.get(sign_url(manifesto)).status_code == 404
    response = client.post(sign_url(manifesto), {"version": 0, "name": "A", "email": "a@b.org"})
    assert response.status_code == 404
    assert not Signature.objects.exists()
    assert "signer" not in client.get(manifesto.get_absolute_url()).text


def test_a_tampered_or_foreign_token_opens_nothing(client, manifesto, version, place):
    signature = sign_by_mail(client, version)
    token = signature.private_token()
    workshop = WorkshopFactory(place=place)
    registration = workshops.register(workshop, name="A", email="a@example.org").created[0]

    for wrong in (token[:-1] + ("0" if token[-1] != "0" else "1"), registration.private_token()):
        url = reverse("manifestos:my_signature", args=[wrong])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "withdraw"}).status_code == 404
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_a_script_in_a_name_shows_as_text(client, manifesto, version):
    sign_by_mail(client, version, name="<script>alert(1)</script>", organisation="<b>Asso</b>")

    page = client.get(list_url(manifesto)).text

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Asso&lt;/b&gt;" in page


def test_too_many_mails_to_one_address_are_refused_beside_the_field(
    client, manifesto, version, settings
):
    settings.ENTRAIDE_MAILS_PER_ADDRESS = 1
    client.post(sign_url(manifesto), form(version))

    response = client.post(sign_url(manifesto), form(version))

    assert response.status_code == 429
    assert response.context["form"].has_error("email")
    assert len(mail.outbox) == 1


# The public list.


def test_the_list_counts_and_groups_by_organisation(client, manifesto, version):
    verriere = PlaceFactory(name="La Verrière du Sud")
    people = [
        ("A", "Asso Lien", None),
        ("B", "asso lien", None),
        ("C", "", verriere.pk),
        ("D", "", None),
    ]
    for n, (name, organisation, place) in enumerate(people):
        signatures.sign(
            version, name=name, email=f"p{n}@example.org", organisation=organisation,
            place_id=place,
        )  # fmt: skip
    Signature.objects.exclude(name="D").update(confirmed_at=timezone.now())

    listed = squeeze(client.get(list_url(manifesto)).text)
    grouped = squeeze(client.get(list_url(manifesto) + "?par=organisation").text)

    assert "3 people signed version V0" in listed or "3 personnes ont signé la version V0" in listed
    assert re.search(r"Asso Lien</td><td>2</td>", grouped.replace(" <", "<").replace("> ", ">"))
    assert re.search(
        r"La Verrière du Sud</td><td>1</td>", grouped.replace(" <", "<").replace("> ", ">")
    )


def many_signatures(version, count):
    place = PlaceFactory(name="Le Tiers-Lieu")
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            version=version, name=f"Signataire {n}", email=f"s{n}@example.org",
            organisation=f"Asso {n % 7}" if n % 3 else "", place=place if n % 3 == 0 else None,
            link_key=f"k{n}", token_digest=f"d{n}", confirmed_at=now,
        )
        for n in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_costs_the_same_queries_with_1_or_30_signatures(
    client, manifesto, version, count, django_assert_num_queries
):
    many_signatures(version, count)
    # the manifesto, its versions, the count, the page (places joined)
    with django_assert_num_queries(4):
        page = client.get(list_url(manifesto))
    assert f"Signataire {count - 1}" in page.text
    # the manifesto, its versions, the people, the count of groups, the page of groups
    with django_assert_num_queries(5):
        page = client.get(list_url(manifesto) + "?par=organisation")
    assert "Le Tiers-Lieu" in page.text


def test_the_list_is_paginated_by_fifty(client, manifesto, version):
    many_signatures(version, 51)

    first, second = client.get(list_url(manifesto)), client.get(list_url(manifesto) + "?page=2")

    assert "Signataire 49<" in first.text
    assert "Signataire 50<" not in first.text
    assert "Signataire 50<" in second.text


# Elsewhere: the manifesto's page, a place's page, "My data", deleting the account.


def test_the_manifesto_page_offers_to_sign_once_a_version_is_published(client, manifesto, version):
    page = client.get(manifesto.get_absolute_url()).text
    assert sign_url(manifesto) in page


def test_a_place_that_signed_shows_it_on_its_page(client, manifesto, version):
    verriere = PlaceFactory(name="La Verrière du Sud")
    sign_by_mail(client, version, place=str(verriere.pk))

    page = squeeze(client.get(verriere.get_absolute_url()).text)

    assert manifesto.title in page
    assert reverse("manifestos:version_signatories", args=[manifesto.slug, 0]) in page


def test_my_data_lists_my_signatures_by_account_and_by_verified_address(
    client, client_for, manifesto, version
):
    sign_by_mail(client, version, email="dana@example.org", name="Dana sans compte")
    dana = UserFactory(email="dana@example.org", display_name="Dana")

    page = client_for(dana).get(reverse("accounts:my_data")).text
    export = client_for(dana).get(reverse("accounts:my_data_export")).json()

    assert "Dana sans compte" in page
    assert "Dana sans compte" in str(export)


def test_deleting_the_account_leaves_the_signature_without_link_to_it(
    client_for, alice, manifesto, version
):
    from entraide.accounts.services import delete_account, what_deletion_does

    client_for(alice).post(sign_url(manifesto), {"version": version.number, "name": "Alice"})
    said = " ".join(what_deletion_does(alice))

    delete_account(alice)

    assert "signature" in said
    signature = Signature.objects.get()
    assert (signature.user, signature.is_confirmed, signature.name) == (None, True, "Alice")
    # still on the public list, and still withdrawable through its private link
    assert "Alice" in client_for(UserFactory()).get(list_url(manifesto)).text


def test_the_daily_command_deletes_only_the_signatures_never_confirmed_in_time(
    client, manifesto, version, settings
):
    from django.core.management import call_command

    sign_by_mail(client, version, email="kept@example.org")
    client.post(sign_url(manifesto), form(version, email="late@example.org"))
    client.post(sign_url(manifesto), form(version, email="fresh@example.org"))
    too_old = timezone.now() - timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS + 1)
    Signature.objects.update(created_at=too_old)
    Signature.objects.filter(email="fresh@example.org").update(created_at=timezone.now())

    call_command("drop_unconfirmed_manifesto_requests")

    assert sorted(Signature.objects.values_list("email", flat=True)) == [
        "fresh@example.org",
        "kept@example.org",
    ]


def test_the_mails_speak_the_language_the_signer_signed_in(manifesto, version):
    from django.utils import translation

    with translation.override("en"):
        signatures.sign(version, name="Jo", email="jo@example.org")
    signatures.sign(version, name="Camille", email="camille@example.org")  # in French
    signatures.sign(version, name="Jo", email="jo@example.org")  # again, from a French page

    english, french, again = mail.outbox
    assert english.subject.endswith(f"Confirm your signature of “{manifesto.title}”")
    assert "Confirmez votre signature" in french.subject
    assert "Confirmez votre signature" in again.subject  # the page she last signed from
