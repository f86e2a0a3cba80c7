"""Every organiser address (`gerer/`), found from the URL patterns rather than from a list, is
refused to those who do not run the place it belongs to: a visitor is sent to sign in; a
participant, and the organiser of another place, get what the app's access helper gives (403,
or 404), never the page, and change nothing, by GET or by POST.

A new app's `gerer/` route is walked as soon as it exists. If it captures something the walk
cannot fill yet (a `<int:pk>`, a `<str:token>`…), the walk fails until it is taught below
(FILL) to point at a real object of the other place."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from entraide.challenges import services as challenges
from entraide.challenges.tests.conftest import build_challenge, joined
from entraide.manifestos import services as manifestos
from entraide.manifestos.models import Amendment, Phase
from entraide.places import services as places
from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair, looking
from entraide.stories.models import Anthology, AnthologyEntry, AnthologyExport, Writer
from entraide.stories.tests.conftest import build_collection, build_story, consented, published
from entraide.surveys import services as surveys
from entraide.workshops import services as workshops
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

ELSEWHERE = "ailleurs"  # the slug of the other place and of each of its objects


def _walk(resolver, route="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, route + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield route + str(entry.pattern), name, sorted(entry.pattern.regex.groupindex)


def organiser_routes():
    """(route, URL name, captured kwargs) of every URL whose route contains `gerer/`."""
    return [found for found in _walk(get_resolver()) if "gerer/" in found[0]]


ROUTES = organiser_routes()


@pytest.fixture
def elsewhere(settings, tmp_path):
    """A place with one of everything, all at the slug `ailleurs`, run by its organiser; alice
    holds a seat in its workshop."""
    owner = UserFactory(display_name="Organisatrice d’ailleurs")
    place = PlaceFactory(slug=ELSEWHERE, organisers=[owner])
    series = SeriesFactory(place=place, slug=ELSEWHERE)
    workshop = WorkshopFactory(place=place, series=series, slug=ELSEWHERE, capacity=2)
    participant = UserFactory(email="alice@example.org", display_name="Alice")
    (registration,) = workshops.register(workshop, by=participant).created
    poll = polls.create_poll(place, by=owner, fields={"title": "Dispos"}, slots=slot_times(2))
    poll.slug = ELSEWHERE
    poll.save(update_fields=["slug"])
    manifesto = manifestos.create_manifesto(
        place, by=owner, fields={"title": "Manifeste", "series": series}
    )
    manifesto.slug = ELSEWHERE
    manifesto.save(update_fields=["slug"])
    question = manifestos.pose_question(manifesto, text="Quoi ?", workshop=workshop, by=owner)
    idea = manifestos.post_idea(
        question, text="Une idée", name="Alice", person=manifestos.Person(participant)
    )
    manifestos.switch_phase(manifesto, Phase.DRAFTING, by=owner)
    first, _second = (
        manifestos.add_section(manifesto, title=title, body="Texte", by=owner)
        for title in ("Un", "Deux")
    )
    amendment = Amendment.objects.create(
        manifesto=manifesto, kind="remplacer", section=first, title="Un", body="Autre texte",
        base_title="Un", base_body="Texte", rationale="Mieux", author=participant,
        author_name="Alice", confirmed_at=timezone.now(),
    )  # fmt: skip
    comment = manifestos.post_comment(
        manifesto, body="Un avis", name="Alice", person=manifestos.Person(participant),
        section=first,
    )  # fmt: skip
    survey = surveys.create_survey(place, by=owner, fields={"title": "Enquête"})
    survey.slug = ELSEWHERE
    survey.save(update_fields=["slug"])
    survey_question = surveys.add_question(
        survey.sections.get(), kind="choix-unique", text="Quoi ?", choices=["A", "B"]
    )
    challenge = challenges.publish(build_challenge(place, owner))
    challenge.slug = ELSEWHERE
    challenge.save(update_fields=["slug"])
    testimony = challenges.leave_testimony(joined(challenge, 0), "Je dors mieux.")
    invitation = places.invite_organiser(
        place, email="sam@example.org", by=owner, site_url="https://entraide.example.org"
    )
    stories = build_collection(place, slug=ELSEWHERE, code="AILLEURS")
    story_writer = Writer.objects.create(collection=stories, email="redac@example.org")
    story = published(build_story(stories, owner, slug=ELSEWHERE))
    consented(story)
    anthology = Anthology.objects.create(collection=stories, title="Recueil")
    AnthologyEntry.objects.create(anthology=anthology, story=story)
    settings.MEDIA_ROOT = str(tmp_path)  # the anthology's export file
    export = AnthologyExport.objects.create(anthology=anthology, format="epub", status="pret")
    export.file.save("recueil.epub", ContentFile(b"PK"), save=True)
    catalogue = build_catalogue(place, slug=ELSEWHERE)
    project = build_project(catalogue, title="Projet d’ailleurs", slug=ELSEWHERE, max_pairs=2)
    looking(project, UserFactory(display_name="Camille"))
    member = form_pair(project, participant, UserFactory(display_name="Dominique")).members.first()
    return {
        "owner": owner,
        "participant": participant,
        "registration": registration,
        "invitation": invitation,
        "slot": poll.slots.first(),
        "question": question,
        "idea": idea,
        "section": first,
        "amendment": amendment,
        "comment": comment,
        "survey_question": survey_question,
        "testimony": testimony,
        "theme": stories.themes.first(),
        "writer": story_writer,
        "story": story,
        "anthology": anthology,
        "export": export,
        "member": member,
    }


# How each captured kwarg points at a real object of the other place.
FILL = {
    "slug": lambda scene: ELSEWHERE,  # its place, series, workshop or poll
    "place_slug": lambda scene: ELSEWHERE,
    "registration_id": lambda scene: scene["registration"].pk,
    "invitation_id": lambda scene: scene["invitation"].pk,
    "question_id": lambda scene: scene["question"].pk,
    "idea_id": lambda scene: scene["idea"].pk,
    "section_id": lambda scene: scene["section"].pk,
    "amendment_id": lambda scene: scene["amendment"].pk,
    "comment_id": lambda scene: scene["comment"].pk,
    "survey_section_id": lambda scene: scene["survey_question"].section_id,
    "survey_question_id": lambda scene: scene["survey_question"].pk,
    "testimony_id": lambda scene: scene["testimony"].pk,
    "theme_id": lambda scene: scene["theme"].pk,  # stories
    "writer_id": lambda scene: scene["writer"].pk,
    "anthology_id": lambda scene: scene["anthology"].pk,
    "story_id": lambda scene: scene["story"].pk,
    "export_id": lambda scene: scene["export"].pk,
    "cat": lambda scene: ELSEWHERE,  # projects: the catalogue, its project, a pair's member
    "project": lambda scene: ELSEWHERE,
    "member_id": lambda scene: scene["member"].pk,
}


def post_data(scene):
    """What the organiser forms send, so that a view without its access check would act."""
    return {
        "publish": "1",
        "action": "publish",
        "confirm": "on",
        "message": "",
        "slot": scene["slot"].pk,
        "slots": [scene["slot"].pk],
        "present": [scene["registration"].pk],
        "subject": "Objet",
        "body": "Un message.",
        "email": "intrus@example.org",
        "step": "confirm",
        "phase": Phase.AMENDMENTS_OPEN,
        "reason": "Hors sujet",
        "decision": "rejeter",
        "ideas": [scene["idea"].pk],
        "group": "Groupe",
        "title": "Titre",
        "text": "Texte",
    }


def database():
    """Every row of every table but the sessions, as text."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == Session._meta.db_table:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def changes(before, after):
    """{table: (rows gone, rows new)} of the tables that differ."""
    return {
        table: (sorted(set(before[table]) - set(rows)), sorted(set(rows) - set(before[table])))
        for table, rows in after.items()
        if rows != before.get(table)
    }


def url_of(name, kwargs, scene):
    unknown = [kwarg for kwarg in kwargs if kwarg not in FILL]
    if name is None or unknown:
        pytest.fail(
            f"the walk cannot fill {unknown or 'an unnamed route'}: name the route, and teach "
            "FILL in tests/access/test_organiser_routes.py which object of the other place "
            "each kwarg points at"
        )
    return reverse(name, kwargs={kwarg: FILL[kwarg](scene) for kwarg in kwargs})


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def owners_answer(owner, method, url, data):
    """The status the place's own organiser gets: proof that the address points at a real
    object (not a 404 for everyone). What it changes is rolled back."""
    with transaction.atomic():
        response = getattr(signed_in(owner), method)(url, data)
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(
    ("route", "name", "kwargs"), ROUTES, ids=[name or route for route, name, _ in ROUTES]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_organiser_page_refuses_whoever_does_not_run_its_place(
    elsewhere, charlie, route, name, kwargs, method
):
    url = url_of(name, kwargs, elsewhere)
    data = post_data(elsewhere) if method == "post" else {}
    PlaceFactory(slug="chez-charlie", organisers=[charlie])  # charlie runs another place
    outsiders = {
        "a participant": signed_in(elsewhere["participant"]),
        "the organiser of another place": signed_in(charlie),
    }
    request = f"{method.upper()} {url}"
    before = database()

    visitor = getattr(Client(), method)(url, data)
    assert changes(before, database()) == {}, f"{request} by a visitor"
    assert visitor.status_code == 302, f"{request} by a visitor: {visitor.status_code}"
    location = urlsplit(visitor["Location"])
    assert (location.path, parse_qs(location.query)) == ("/compte/connexion/", {"next": [url]})

    answers = {}
    for who, client in outsiders.items():
        answers[who] = getattr(client, method)(url, data).status_code
        assert changes(before, database()) == {}, f"{request} by {who}"

    owner = owners_answer(elsewhere["owner"], method, url, data)
    assert owner not in (403, 404), f"its own organiser gets a {owner}: {url} points at nothing"
    refusals = {403, 404} | ({405} if owner == 405 else set())  # 405: the route takes no GET
    assert {who: status for who, status in answers.items() if status not in refusals} == {}, request


def test_the_walk_finds_the_organiser_routes_of_each_app():
    namespaces = {name.split(":")[0] for _route, name, _kwargs in ROUTES if name}
    assert {"places", "workshops", "polls", "manifestos"} <= namespaces
    assert len([r for r in ROUTES if r[1] and r[1].startswith("workshops:")]) >= 16


def test_a_route_the_walk_cannot_fill_fails_it(elsewhere):
    with pytest.raises(pytest.fail.Exception, match=r"cannot fill \['pk'\]"):
        url_of("manifestos:manage_signature", ["pk", "slug"], elsewhere)
