"""The account pages ("Mes données" and the others) cost a literal number of queries, the same
whatever the person holds (tests/querycount.py)."""

import time

import pytest
from allauth.account.models import EmailAddress

from entraide.manifestos import services as manifestos
from entraide.manifestos.services import signatures
from entraide.manifestos.tests.publishing import publish
from entraide.places import services as places
from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from entraide.workshops import services as workshops
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def someone_with(n):
    """A person with `n` of everything a person can hold: places run, invitations sent,
    proposals, registrations, poll answers and comments, ideas for a manifesto and dots, votes
    on its amendments and comments, extra addresses. Returns the person
    and what stands for them, by kind."""
    person = UserFactory()
    kinds = (
        "places", "invitations", "proposals", "workshops", "polls", "addresses", "ideas",
        "comments",
    )  # fmt: skip
    held = {kind: [] for kind in (*kinds, "signatures")}
    held["addresses"] = []
    for i in range(n):
        place = PlaceFactory(organisers=[person])
        email = f"invitee-{i}-{person.pk}@example.org"
        places.invite_organiser(place, email=email, by=person, site_url="")
        proposal = PlaceFactory(status="propose", proposed_by=person)
        workshop = WorkshopFactory(place=place)
        workshops.register(workshop, by=person)
        poll = polls.create_poll(
            place, by=person, fields={"title": f"Sondage {i} de {person.pk}"}, slots=slot_times(2)
        )
        slots = poll.slots.values_list("pk", flat=True)
        polls.answer(poll, name="Moi", choices=dict.fromkeys(slots, "oui"), by=person)
        polls.add_comment(poll, name="Moi", body=f"Commentaire {i}", by=person)
        manifesto = manifestos.create_manifesto(
            place, by=person, fields={"title": f"Manifeste {i} de {person.pk}"}
        )
        question = manifestos.pose_question(manifesto, text="Quoi ?", by=person)
        idea = manifestos.post_idea(
            question, text=f"Idée {i} de {person.pk}", name="Moi", person=manifestos.Person(person)
        )
        manifestos.support(idea, person=manifestos.Person(person))
        manifestos.switch_phase(manifesto, "redaction", by=person)
        section = manifestos.add_section(manifesto, title="Section", body="Texte.", by=person)
        manifestos.switch_phase(manifesto, "amendements_ouverts", by=person)
        amendment = manifestos.propose_amendment(
            manifesto, kind="supprimer", section=section, rationale="Inutile.", by=person
        )
        manifestos.vote(amendment, choice="pour", person=manifestos.Person(person))
        comment = manifestos.post_comment(
            manifesto, body=f"Avis {i} de {person.pk}", name="Moi",
            person=manifestos.Person(person), amendment=amendment,
        )  # fmt: skip
        other = f"autre-{i}-{person.pk}@example.org"
        EmailAddress.objects.create(user=person, email=other, verified=False, primary=False)
        shown_by_kind = [place.name, email, proposal.name, workshop.title, poll.title, other]
        for kind, shown in zip(kinds, [*shown_by_kind, idea.text, comment.body], strict=True):
            held[kind].append(shown)
        # a signature in one step (her address is verified), and one by mail under it
        version = publish(manifesto, by=person)
        signatures.sign(version, name=f"Signature {i} de {person.pk}", by=person)
        other_version = publish(
            manifestos.create_manifesto(
                place, by=person, fields={"title": f"Autre {i} de {person.pk}"}
            ),
            by=person,
        )
        signatures.sign(other_version, name=f"Par courrier {i} de {person.pk}", email=person.email)
        held["signatures"] += [f"Signature {i} de {person.pk}", f"Par courrier {i} de {person.pk}"]
    return person, held


def account_page(url, *, shows=(), session=None):
    """`url` seen by someone with `n` of everything, showing what she holds of `shows` kinds."""

    def build(n):
        person, held = someone_with(n)
        return Visit(
            url,
            user=person,
            shows=[shown for kind in shows for shown in held[kind]],
            session=session(person) if session else {},
        )

    return build


def recently_signed_in(person):
    """What allauth keeps when the password has just been typed again, as deleting the account
    asks."""
    return {
        "account_authentication_methods_user": str(person.pk),
        "account_authentication_methods": [
            {"method": "password", "at": time.time(), "reauthenticated": True}
        ],
    }


# A signed-in person costs two queries on every page (the session, the user) and a third for the
# menu ("Mon espace" shows only to those who run a place).
EVERYTHING = (
    "places", "invitations", "proposals", "workshops", "polls", "addresses", "ideas", "comments",
    "signatures",
)  # fmt: skip
PAGES = [
    Page("accounts:profile", 3, account_page("/compte/")),  # the session, the user, the menu
    Page("accounts:digest", 3, account_page("/compte/resume-quotidien/")),
    # + a query per section of personal data (manifestos' votes and comments: +2, signatures: +1;
    # survey invitations: the verified address, the invitations: +2; challenges: the same, +2;
    # stories: the collections one writes in, one's stories, one's comments: +3; projects: one's
    # pairs, the invitations one sent, one's searches for a partner: +3)
    Page("accounts:my_data", 28, account_page("/compte/mes-donnees/", shows=EVERYTHING)),
    Page(
        "accounts:my_data_export",
        27,
        account_page("/compte/mes-donnees/export.json", shows=EVERYTHING),
    ),
    Page(
        "accounts:delete_account",
        # what each section holds, and what deleting does to it (allauth 65.22: +1; a
        # manifesto's signatures: +2; survey invitations: +4; challenge participations: +4;
        # stories: +4; projects: +4)
        42,
        account_page("/compte/supprimer/", session=recently_signed_in),
    ),
    Page("account_email", 5, account_page("/compte/adresses/", shows=["addresses"])),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
