"""Demo data: the course page of seed 000 as the catalogue "Entraide et action collective" of
the Université Paul-Valéry, run by Inès, with its two projects in their own words, their
examples, useful links and tags; two pairs formed on the stories project (Léa and Hugo, Chloé
and Yanis), whose stories are linked as what they produced, and Nathan looking for a partner.
What the workshops project led to (the survey, the challenge and the workshop of the Maison pour
tous Voltaire) is linked when those capabilities are installed, and the Maison pour tous
Voltaire hosts the workshops project: a draft series and its availability poll. The fictional
people are not mailed: the demo is loaded with Django's dummy mail backend."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.apps import apps
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.text import slugify

from entraide.accounts.demo import demo_user
from entraide.accounts.models import User
from entraide.places.models import Place
from entraide.projects import demo_texts as texts
from entraide.projects.models import (
    Audience,
    Catalogue,
    Member,
    Output,
    OutputKind,
    Pair,
    Project,
    ProjectLink,
    Seeker,
    Tag,
)

SLUG = "entraide-et-action-collective-universite-paul-valery"
STORIES_COLLECTION = "recits-de-la-transition-universite-paul-valery"


def _project(catalogue, data, *, kind, position, audience, **fields):
    project = Project(
        catalogue=catalogue,
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        description=data["description"],
        duration=data["duration"],
        output_kind=kind,
        position=position,
        published_at=timezone.now(),
        **fields,
    )
    project.save()
    project.audiences.add(audience)
    for name in data["tags"]:
        project.tags.add(Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0])
    for position, (kind_of_link, title, url, description) in enumerate(data["links"]):
        ProjectLink.objects.create(
            project=project,
            kind=kind_of_link,
            title=title,
            url=url,
            description=description,
            position=position,
        )
    return project


def _pair(project, first, second):
    now = timezone.now()
    pair = Pair.objects.create(project=project, formed_at=now)
    for user in (first, second):
        Member.objects.create(
            pair=pair,
            project=project,
            user=user,
            email=user.email,
            invited_by=first,
            invited_at=now,
            accepted_at=now,
        )
    return pair


def _link_stories(project, pairs):
    """The published stories of the demo's pairs, as what the pairs produced."""
    from entraide.stories.models import Story

    for pair, title in pairs:
        story = Story.objects.filter(collection__slug=STORIES_COLLECTION, title=title).first()
        if story:
            Output.objects.create(
                project=project, pair=pair, kind=OutputKind.STORY, object_id=story.pk
            )


def _link_earlier_work(project):
    """What earlier students of the course made at the Maison pour tous Voltaire, before the
    catalogue was on Entraide (no pair recorded): the workshop, the survey, the challenge."""
    earlier = []
    if apps.is_installed("entraide.workshops"):
        from entraide.workshops.models import Workshop

        earlier += [
            (OutputKind.WORKSHOP, pk)
            for pk in Workshop.objects.filter(slug="leve-les-yeux-preparer-le-defi").values_list(
                "pk", flat=True
            )
        ]
    if apps.is_installed("entraide.surveys"):
        from entraide.surveys.models import Survey

        earlier += [
            (OutputKind.SURVEY, pk)
            for pk in Survey.objects.filter(slug="nos-ecrans-et-nous").values_list("pk", flat=True)
        ]
    if apps.is_installed("entraide.challenges"):
        from entraide.challenges.models import Challenge

        earlier += [
            (OutputKind.CHALLENGE, pk)
            for pk in Challenge.objects.filter(
                slug="defi-solidaire-de-deconnexion-10-jours"
            ).values_list("pk", flat=True)
        ]
    for kind, pk in earlier:
        Output.objects.create(project=project, kind=kind, object_id=pk)


def _host_at_voltaire(project):
    """The Maison pour tous Voltaire hosts the workshops project: Malik makes the draft series
    and opens an availability poll for its first workshop, with three evenings to choose."""
    from entraide.projects.services import hosting

    if not hosting.can_host():
        return
    voltaire = Place.objects.get(slug="maison-pour-tous-voltaire")
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    today = timezone.now().astimezone(paris).date()
    slots = []
    for days in (15, 17, 22):
        starts = datetime.combine(today + timedelta(days=days), time(18, 30), tzinfo=paris)
        slots.append((starts, starts + timedelta(minutes=project.workshop_minutes)))
    hosting.host(
        project,
        voltaire,
        by=demo_user("malik@entraide.example"),
        open_poll=apps.is_installed("entraide.polls"),
        slots=slots,
    )


def _student(email, name):
    return User.objects.get_or_create(email=email, defaults={"display_name": name})[0]


def _build(ines, upv):
    catalogue = Catalogue.objects.create(
        place=upv,
        title=texts.CATALOGUE_TITLE,
        slug=SLUG,
        summary=texts.CATALOGUE_SUMMARY,
        description=texts.CATALOGUE_DESCRIPTION,
        published_at=timezone.now(),
        created_by=ines,
    )
    audience = Audience.objects.get_or_create(
        name=texts.STUDENTS, defaults={"slug": slugify(texts.STUDENTS)[:80]}
    )[0]
    stories = _project(
        catalogue,
        texts.STORIES,
        kind=OutputKind.STORY,
        position=0,
        audience=audience,
        max_pairs=12,
        collection_slug=STORIES_COLLECTION if apps.is_installed("entraide.stories") else "",
    )
    workshops = _project(
        catalogue,
        texts.WORKSHOPS,
        kind=OutputKind.WORKSHOP,
        position=1,
        audience=audience,
        max_pairs=8,
        workshop_sessions=3,
        workshop_minutes=90,
        workshop_capacity=15,
    )
    lea = demo_user("lea@entraide.example")
    hugo = _student("hugo@entraide.example", "Hugo")
    chloe = _student("chloe@entraide.example", "Chloé")
    yanis = _student("yanis@entraide.example", "Yanis")
    nathan = _student("nathan@entraide.example", "Nathan")
    first = _pair(stories, lea, hugo)
    second = _pair(stories, chloe, yanis)
    Seeker.objects.create(project=stories, user=nathan, note=texts.NATHAN_NOTE)
    if apps.is_installed("entraide.stories"):
        _link_stories(
            stories,
            [
                (first, "Réparer ensemble au café du quartier"),
                (second, "Quitter la tour pour apprendre à respirer"),
            ],
        )
    _link_earlier_work(workshops)
    _host_at_voltaire(workshops)
    return catalogue


def load():
    with (
        translation.override("fr"),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        if not Catalogue.objects.filter(slug=SLUG).exists():
            upv = Place.objects.get(slug="universite-paul-valery")
            _build(demo_user("ines@entraide.example"), upv)
    pairs = Pair.objects.filter(project__catalogue__slug=SLUG, formed_at__isnull=False).count()
    return [f"Projects: a catalogue with {pairs} pairs formed (/projets/)"]
