"""A person who runs no place proposes theirs; a site administrator approves it in the admin,
which publishes it and makes the proposer its organiser."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import NON_FIELD_ERRORS

from entraide.places.errors import PlaceErrorCode
from entraide.places.models import Membership, Place, PlaceStatus
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/lieux/proposer/"


def proposal(**changes):
    data = {
        "name": "La Friche numérique",
        "kind": "tiers-lieu",
        "region": "occitanie",
        "city": "Sète",
        "postcode": "34200",
        "street": "3 quai de la Marine",
        "contact_email": "bonjour@friche.entraide.example",
        "summary": "Un atelier de réparation et des cafés numériques.",
    }
    return {**data, **changes}


@pytest.fixture
def admins(db):
    return [
        UserFactory(email="admin@example.org", is_staff=True, is_superuser=True, language="en"),
        UserFactory(email="moderation@example.org", is_staff=True),
        UserFactory(email="former-admin@example.org", is_staff=True, is_active=False),
    ]


def approve(client, *places):
    return client.post(
        "/admin/places/place/",
        {"action": "approve_proposals", "_selected_action": [p.pk for p in places]},
        follow=True,
    )


def test_the_directory_invites_people_to_propose_their_place(client):
    assert f'href="{URL}">Proposer mon lieu</a>' in client.get("/lieux/").text


def test_proposing_needs_an_account(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"/compte/connexion/?next={URL}"


def test_a_proposal_is_hidden_until_approved_and_mails_the_site_administrators(
    client_for, alice, admins, mailoutbox
):
    client = client_for(alice)
    response = client.post(URL, proposal())
    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.name, place.status, place.proposed_by, place.city) == (
        "La Friche numérique",
        PlaceStatus.PROPOSED,
        alice,
        "Sète",
    )
    assert Membership.objects.count() == 0
    page = client.get(response.url)
    assert "Merci : votre proposition est transmise" in page.text
    assert "La Friche numérique" in page.text  # among the proposals awaiting approval
    assert sorted(m.to[0] for m in mailoutbox) == ["admin@example.org", "moderation@example.org"]
    english = next(m for m in mailoutbox if m.to == ["admin@example.org"])
    french = next(m for m in mailoutbox if m.to == ["moderation@example.org"])
    assert english.subject == "[Entraide] Place proposed: La Friche numérique"
    assert french.subject == "[Entraide] Lieu proposé : La Friche numérique"
    assert f"/admin/places/place/{place.pk}/change/" in french.body
    assert "3 quai de la Marine, 34200 Sète" in french.body
    assert "Alice" in french.body


def test_the_directory_never_shows_a_proposed_place(client, alice):
    PlaceFactory(
        name="Cachée",
        city="Sète",
        postcode="34200",
        status=PlaceStatus.PROPOSED,
        proposed_by=alice,
    )
    PlaceFactory(name="Visible", city="Sète", postcode="34200")
    for query in ({}, {"q": "sete"}, {"region": "occitanie"}, {"kind": "tiers-lieu"}):
        response = client.get("/lieux/", query)
        assert [p.name for p in response.context["page"]] == ["Visible"], query
        assert "Cachée" not in response.text


def test_a_proposed_hub_is_not_pointed_out_as_the_hub_of_its_region(client, alice):
    PlaceFactory(
        name="Faux hub", kind="hub-regional", status=PlaceStatus.PROPOSED, proposed_by=alice
    )
    response = client.get("/lieux/", {"region": "occitanie"})
    assert response.context["region_hub"] is None


def test_the_page_of_a_proposed_place_is_a_404_except_for_its_proposer_and_administrators(
    client, client_for, alice, charlie, admins
):
    place = PlaceFactory(status=PlaceStatus.PROPOSED, proposed_by=alice)
    assert client.get(place.get_absolute_url()).status_code == 404
    assert client_for(charlie).get(place.get_absolute_url()).status_code == 404
    own = client_for(alice).get(place.get_absolute_url())
    assert own.status_code == 200
    assert "En attente de validation" in own.text
    assert client_for(admins[0]).get(place.get_absolute_url()).status_code == 200


def test_someone_who_runs_a_place_is_pointed_to_it_instead_of_proposing(client_for, bob, place):
    client = client_for(bob)
    page = client.get(URL)
    assert "Vous animez déjà La Verrière" in page.text
    assert 'name="name"' not in page.text
    forged = client.post(URL, proposal())
    assert forged.status_code == 400
    assert forged.context["form"].has_error(NON_FIELD_ERRORS, PlaceErrorCode.ALREADY_RUNS_A_PLACE)
    assert Place.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Ce champ est obligatoire."),
        ("city", "", "Ce champ est obligatoire."),
        ("summary", "", "Ce champ est obligatoire."),
        ("name", "x" * 5000, "au plus 200 caractères"),
        ("summary", "x" * 5000, "au plus 240 caractères"),
        ("street", "x" * 5000, "au plus 200 caractères"),
        ("postcode", "x" * 5000, "au plus 10 caractères"),
        ("postcode", "ABCDE", "Cinq chiffres, par exemple 34000."),
        ("contact_email", "<script>@x", "Saisissez une adresse de courriel valide."),
        ("name", "La Friche\r\nBcc: victim@example.org", "sur une seule ligne"),
        ("kind", "hub-regional", "Sélectionnez un choix valide."),
        ("region", "atlantide", "Sélectionnez un choix valide."),
    ],
)
def test_a_wrong_proposal_is_refused_beside_the_field(
    client_for, alice, admins, mailoutbox, field, value, message
):
    response = client_for(alice).post(URL, proposal(**{field: value}))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Place.objects.count() == 0
    assert mailoutbox == []


def test_a_script_in_a_proposal_is_kept_as_text_and_shown_escaped(
    client_for, alice, admins, mailoutbox
):
    script = '<script>alert("x")</script>'
    response = client_for(alice).post(URL, proposal(name=script, summary=script, street=script))
    assert response.status_code == 302
    place = Place.objects.get()
    assert place.name == script
    page = client_for(alice).get(place.get_absolute_url())
    assert script not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text
    french = next(m for m in mailoutbox if m.to == ["moderation@example.org"])
    assert french.subject == f"[Entraide] Lieu proposé : {script}"  # a plain text mail
    assert place.slug == "scriptalertxscript"


def test_three_proposals_a_day_per_person_then_a_429(client_for, alice, admins, mailoutbox):
    client = client_for(alice)
    for n in range(3):
        assert client.post(URL, proposal(name=f"Lieu {n}")).status_code == 302
    refused = client.post(URL, proposal(name="Lieu 4"))
    assert refused.status_code == 429
    assert "Vous avez déjà proposé 3 lieux aujourd’hui" in refused.text
    assert Place.objects.count() == 3
    assert len(mailoutbox) == 3 * 2


def test_approving_publishes_the_place_makes_the_proposer_its_organiser_and_tells_them(
    client_for, alice, admins, mailoutbox
):
    client_for(alice).post(URL, proposal())
    place = Place.objects.get()
    mailoutbox.clear()
    response = approve(client_for(admins[0]), place)
    assert response.status_code == 200
    assert "1 place approved" in response.text  # the administrator reads English
    place.refresh_from_db()
    assert place.status == PlaceStatus.PUBLISHED
    assert list(Membership.objects.values_list("place", "user")) == [(place.pk, alice.pk)]
    (message,) = mailoutbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "[Entraide] Votre lieu est publié : La Friche numérique"
    assert f"/lieux/gerer/{place.slug}/" in message.body
    listed = client_for(alice).get("/lieux/", {"q": "sete"})
    assert [p.name for p in listed.context["page"]] == ["La Friche numérique"]


def test_approving_a_forged_selection_touches_only_proposals_and_only_once(
    client_for, alice, bob, place, admins, mailoutbox
):
    proposed = PlaceFactory(name="Proposé", status=PlaceStatus.PROPOSED, proposed_by=alice)
    orphan = PlaceFactory(name="Sans auteur", status=PlaceStatus.PROPOSED, proposed_by=None)
    client = client_for(admins[0])
    response = approve(client, place, proposed, orphan)
    assert "1 place approved" in response.text
    assert "2 places were not awaiting approval or have lost their proposer" in response.text
    assert list(Membership.objects.order_by("pk").values_list("place__name", "user")) == [
        ("La Verrière", bob.pk),
        ("Proposé", alice.pk),
    ]
    orphan.refresh_from_db()
    assert orphan.status == PlaceStatus.PROPOSED
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    approve(client, proposed)  # again: nothing more
    assert len(mailoutbox) == 1
    assert Membership.objects.count() == 2


def test_only_administrators_with_the_right_to_change_places_can_approve(
    client, client_for, alice, charlie, mailoutbox
):
    proposed = PlaceFactory(status=PlaceStatus.PROPOSED, proposed_by=alice)
    anonymous = approve(client, proposed)
    assert anonymous.redirect_chain[-1][0] == "/compte/connexion/?next=%2Fadmin%2Fplaces%2Fplace%2F"
    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.add(Permission.objects.get(codename="view_place"))
    viewer = approve(client_for(charlie), proposed)
    assert viewer.status_code == 200
    proposed.refresh_from_db()
    assert proposed.status == PlaceStatus.PROPOSED
    assert Membership.objects.count() == 0
    assert mailoutbox == []


def test_the_admin_lists_proposals_first_with_their_proposer(client_for, alice, admins):
    PlaceFactory(name="Publié")
    PlaceFactory(name="Proposé", status=PlaceStatus.PROPOSED, proposed_by=alice)
    response = client_for(admins[0]).get("/admin/places/place/", {"status__exact": "propose"})
    assert response.status_code == 200
    assert "Proposé" in response.text
    assert "Publié" not in response.text
    assert ">Approve</option>" in response.text  # this administrator reads English


def test_a_proposal_is_in_my_data_and_goes_with_the_account_unless_published(alice, bob):
    from entraide.accounts import services as accounts

    PlaceFactory(name="En attente", status=PlaceStatus.PROPOSED, proposed_by=alice)
    PlaceFactory(name="Publié", proposed_by=alice, organisers=[bob])
    rows = accounts.collect_personal_data(alice)["place_proposals"]
    assert [(row["place"], row["published"]) for row in rows] == [
        ("En attente", False),
        ("Publié", True),
    ]
    accounts.delete_account(alice)
    assert list(Place.objects.values_list("name", "proposed_by")) == [("Publié", None)]
