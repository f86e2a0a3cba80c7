"""Every list and detail page of manifestos, public and organiser, costs a literal number of
queries, the same with one object or five (tests/querycount.py)."""

import pytest

from entraide.manifestos import services
from entraide.manifestos.models import AmendmentKind, Idea, Phase
from entraide.manifestos.services import Person
from entraide.manifestos.tests.signature_pages import SIGNATURE_PAGES
from entraide.manifestos.tests.test_comments import SECTION_PAGES
from entraide.manifestos.tests.version_pages import VERSION_PAGES
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def a_manifesto(n, *, phase=Phase.DRAFTING, title="Manifeste"):
    """A manifesto of a series with `n` questions (each tied to a workshop of the series),
    `n` ideas under each supported by `n` people, one set aside, and `n` sections each citing
    an idea of each question; left in `phase`."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    series = SeriesFactory(place=place)
    manifesto = services.create_manifesto(
        place, by=organiser, fields={"title": title, "series": series}
    )
    people = UserFactory.create_batch(n)
    questions, ideas = [], []
    for q in range(n):
        workshop = WorkshopFactory(place=place, series=series, title=f"Atelier {q} {series.slug}")
        question = services.pose_question(
            manifesto, text=f"Question {q} de {manifesto.slug} ?", workshop=workshop, by=organiser
        )
        questions.append(question)
        row = [
            services.post_idea(
                question,
                text=f"Idée {q}.{i} de {manifesto.slug}",
                name=f"Auteur {i}",
                person=Person(visitor_key="v"),
            )
            for i in range(n)
        ]
        for idea in row:
            for person in people:
                services.support(idea, person=Person(person))
        services.group_ideas(manifesto, [row[0].pk], group=f"Groupe {q}", by=organiser)
        aside = services.post_idea(
            question, text=f"Hors sujet {q}", name="X", person=Person(visitor_key="v")
        )
        services.hide_idea(aside, reason=f"Raison {q}", by=organiser)
        ideas.append(row)
    services.switch_phase(manifesto, Phase.DRAFTING, by=organiser)
    sections = [
        services.add_section(
            manifesto,
            title=f"Section {s} de {manifesto.slug}",
            body=f"Texte {s}.",
            cited_ideas=[row[s % n].pk for row in ideas],
            by=organiser,
        )
        for s in range(n)
    ]
    if phase == Phase.IDEAS:
        services.switch_phase(manifesto, Phase.IDEAS, by=organiser)
    shows = (
        [q.text for q in questions]
        + [i.text for row in ideas for i in row]
        + [s.title for s in sections]
        + [f"Raison {q}" for q in range(n)]
    )
    if phase == Phase.AMENDMENTS_OPEN:
        services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
        for s, section in enumerate(sections):
            services.propose_amendment(
                manifesto,
                kind=AmendmentKind.REPLACE,
                section=section,
                title=section.title,
                body=f"Texte {s} amendé.",
                rationale=f"Parce que {s}.",
                by=people[s],
            )
            shows.append(
                f"/manifestes/{manifesto.slug}/sections/{section.pk}/discussion/#amendements"
            )
    return manifesto, organiser, people, shows


def manifesto_list(n):
    manifestos = [a_manifesto(1, title=f"Manifeste {i}")[0] for i in range(n)]
    return Visit("/manifestes/", shows=[m.title for m in manifestos])


def detail(n, *, viewer=None, phase=Phase.DRAFTING):
    manifesto, organiser, people, shows = a_manifesto(n, phase=phase)
    user = {"organiser": organiser, "participant": people[0] if people else None}.get(viewer)
    return Visit(manifesto.get_absolute_url(), user=user, shows=shows)


def amendment_page(n, *, view=""):
    """One amendment to a section of `n` paragraphs: its diff, or one of its texts."""
    manifesto, _organiser, people, _shows = a_manifesto(1, phase=Phase.AMENDMENTS_OPEN)
    section = manifesto.sections.first()
    words = [f"mot{i}" for i in range(n)]
    amendment = services.propose_amendment(
        manifesto,
        kind=AmendmentKind.REPLACE,
        section=section,
        title=section.title,
        body=section.body + "\n\n" + "\n\n".join(words),
        rationale="Plus complet.",
        by=people[0],
    )
    return Visit(amendment.get_absolute_url() + view, shows=["Plus complet.", *words])


def manage_amended(n):
    manifesto, organiser, _people, _shows = a_manifesto(n, phase=Phase.AMENDMENTS_OPEN)
    amendments = list(manifesto.amendments.all())
    return Visit(
        f"/manifestes/gerer/{manifesto.slug}/",
        user=organiser,
        shows=[a.get_absolute_url() for a in amendments] + [a.author_name for a in amendments],
    )


def propose_page(n):
    manifesto, _organiser, people, _shows = a_manifesto(n, phase=Phase.AMENDMENTS_OPEN)
    section = manifesto.sections.first()
    return Visit(
        f"/manifestes/{manifesto.slug}/sections/{section.pk}/amender/",
        user=people[0],
        shows=[section.title, section.body],
    )


def projection(n):
    manifesto, _organiser, _people, _shows = a_manifesto(n, phase=Phase.IDEAS)
    question = manifesto.questions.first()
    ideas = list(question.ideas.filter(hidden=False).values_list("text", flat=True))
    return Visit(
        f"/manifestes/{manifesto.slug}/questions/{question.pk}/projection/",
        shows=[question.text, *ideas],
    )


def organiser(path, shown=None):
    def build(n):
        manifesto, organiser, _people, shows = a_manifesto(n)
        url = f"/manifestes/gerer/{manifesto.slug}/{path(manifesto) if callable(path) else path}"
        return Visit(url, user=organiser, shows=shows if shown is None else shown(manifesto))

    return build


def manage_place(n):
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    manifestos = [
        services.create_manifesto(
            place,
            by=organiser,
            fields={"title": f"Manifeste {i}", "series": SeriesFactory(place=place)},
        )
        for i in range(n)
    ]
    return Visit(
        f"/manifestes/gerer/lieu/{place.slug}/",
        user=organiser,
        shows=[m.title for m in manifestos] + [m.series.title for m in manifestos],
    )


def create(n):
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    series = SeriesFactory.create_batch(n, place=place)
    return Visit(
        f"/manifestes/gerer/lieu/{place.slug}/nouveau/",
        user=organiser,
        shows=[s.title for s in series],
    )


def titles(manifesto):
    return [manifesto.title]


def sections_and_questions(manifesto):
    return [s.title for s in manifesto.sections.all()] + [q.text for q in manifesto.questions.all()]


def workshops_offered(manifesto):
    return [q.workshop.title for q in manifesto.questions.select_related("workshop")]


def ideas_offered(manifesto):
    return [i.text for i in manifesto.questions.first().ideas.filter(hidden=False)] + [
        i.text for i in manifesto.questions.last().ideas.filter(hidden=False)
    ]


def every_idea(manifesto):
    """Ideas on the wall and set aside, with their reasons."""
    ideas = Idea.objects.filter(question__manifesto=manifesto)
    return [i.text for i in ideas] + [i.hide_reason for i in ideas if i.hidden]


def first_section(manifesto):
    return f"sections/{manifesto.sections.first().pk}/"


def manifestos_of(n, *, series=None, place=None):
    organiser = UserFactory()
    place = place or (series.place if series else PlaceFactory(organisers=[organiser]))
    return [
        services.create_manifesto(
            place,
            by=organiser,
            fields={"title": f"Manifeste {i} de {place.slug}", "series": series},
        )
        for i in range(n)
    ]


def series_page(n):
    """A series in which `n` manifestos are written: each is linked from its page."""
    series = SeriesFactory()
    manifestos = manifestos_of(n, series=series)
    return Visit(series.get_absolute_url(), shows=[m.title for m in manifestos])


def place_page(n):
    place = PlaceFactory()
    manifestos = manifestos_of(n, place=place)
    return Visit(place.get_absolute_url(), shows=[m.title for m in manifestos])


def space(n):
    """Mon espace of someone running `n` places, each with a manifesto."""
    organiser = UserFactory()
    places = PlaceFactory.create_batch(n, organisers=[organiser])
    manifestos = [m for place in places for m in manifestos_of(1, place=place)]
    return Visit("/espace/", user=organiser, shows=[m.title for m in manifestos])


# What other apps' pages cost once manifestos come to them through the registry.
ELSEWHERE = [
    Page("workshops:series with its manifestos", 3, series_page),
    # + the manifestos it signed (and each capability's part: stories' collections, projects'
    # catalogues, +1 each)
    Page("places:detail with its manifestos", 9, place_page),
    Page("space with manifestos", 12, space),
]

PAGES = [
    Page("manifestos:list", 2, manifesto_list),  # the count, the page (place joined)
    # the manifesto, its sections, questions, ideas with their dots, the citations
    Page("manifestos:detail", 7, detail),  # + the amendments, the versions
    Page(
        "manifestos:detail with amendments open",
        7,
        lambda n: detail(n, phase=Phase.AMENDMENTS_OPEN),
    ),
    # the manifesto, the amendment with its section and its vote totals, its comments
    Page("manifestos:amendment", 3, amendment_page),
    Page(
        "manifestos:amendment, proposed text", 3, lambda n: amendment_page(n, view="?vue=propose")
    ),
    # session, user, menu, the manifesto, the section
    Page("manifestos:propose_amendment", 5, propose_page),
    Page("manifestos:detail in the ideas phase", 7, lambda n: detail(n, phase=Phase.IDEAS)),
    # + session, user, menu, her contributor and her dots, the access check
    Page(
        "manifestos:detail by a participant",
        12,
        lambda n: detail(n, viewer="participant", phase=Phase.IDEAS),
    ),
    Page("manifestos:detail by an organiser", 11, lambda n: detail(n, viewer="organiser")),
    Page("manifestos:projection", 3, projection),  # the manifesto, the question, its ideas
    Page("manifestos:manage_place", 5, manage_place),
    Page("manifestos:create", 5, create),
    Page(
        "manifestos:manage", 9, organiser("", sections_and_questions)
    ),  # + amendments ×2, versions
    Page("manifestos:manage with amendments", 8, manage_amended),
    Page("manifestos:edit", 5, organiser("modifier/", titles)),
    Page("manifestos:add_question", 5, organiser("questions/ajouter/", workshops_offered)),
    Page(
        "manifestos:edit_question",
        7,
        organiser(lambda m: f"questions/{m.questions.first().pk}/", workshops_offered),
    ),
    Page("manifestos:add_section", 5, organiser("sections/ajouter/", ideas_offered)),
    Page("manifestos:edit_section", 7, organiser(first_section, ideas_offered)),
    Page(
        "manifestos:delete_section",
        5,
        organiser(lambda m: first_section(m) + "supprimer/", lambda m: [m.sections.first().title]),
    ),
    # the wall as on the public page, every idea with its form
    Page("manifestos:moderate", 8, organiser("idees/", every_idea)),
    *SECTION_PAGES,  # a section's discussion (test_comments.py)
    *SIGNATURE_PAGES,
]

PAGES += VERSION_PAGES  # decisions and versions


@pytest.mark.parametrize("page", PAGES + ELSEWHERE, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
