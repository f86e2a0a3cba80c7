"""A story-type project's output: a story in the project's collection (stories app), written by
both members of the pair, confirmed authors from the start (stories.services.writing)."""

from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import OutputKind
from entraide.projects.outputs import Described
from entraide.projects.services.starting import accepted_users, clean_title, fit
from entraide.stories.models import NAME_MAX, TITLE_MAX, Collection, Story
from entraide.stories.services import writing

KIND = OutputKind.STORY
APP = "entraide.stories"


def collection_of(project) -> Collection | None:
    """The project's collection: named by `collection_slug`, and of the catalogue's place
    (the site-wide catalogue, run by the site's staff, may name any collection)."""
    if not project.collection_slug:
        return None
    collection = Collection.objects.filter(slug=project.collection_slug).first()
    if collection is None:
        return None
    place_id = project.catalogue.place_id
    if place_id is not None and collection.place_id != place_id:
        return None
    return collection


def options(project) -> dict:
    """What the start form offers: the kinds of story, the collection's themes, and those
    matching the project's tags, ticked at first. `collection` None: nothing to start."""
    collection = collection_of(project)
    if collection is None:
        return {"collection": None, "kinds": Story.Kind.choices, "themes": [], "themes_initial": []}
    themes = list(collection.themes.order_by("position", "pk").values_list("pk", "name"))
    tags = {name.casefold() for name in project.tags.values_list("name", flat=True)}
    return {
        "collection": collection,
        "kinds": Story.Kind.choices,
        "themes": themes,
        "themes_initial": [pk for pk, name in themes if name.casefold() in tags],
    }


def start(pair, *, by, title, story_kind=Story.Kind.PORTRAIT, themes=(), interviewee_name="", **_c):
    collection = collection_of(pair.project)
    if collection is None:
        raise DomainError(
            _("This project has no collection of stories yet: ask its organisers."),
            code=Code.NO_COLLECTION,
        )
    if story_kind not in Story.Kind.values:
        story_kind = Story.Kind.PORTRAIT
    users = accepted_users(pair)
    theme_rows = list(collection.themes.filter(pk__in=[int(pk) for pk in themes or ()]))
    story = writing.start_story_together(
        collection,
        [by, *(user for user in users if user.pk != by.pk)],
        title=clean_title(title, TITLE_MAX),
        themes=theme_rows,
        kind=story_kind,
        interviewee_name=fit(interviewee_name, NAME_MAX),
    )
    return story.pk


def next_url(object_id, user) -> str | None:
    """Where the pair goes once the story is started: its writing page."""
    story = Story.objects.select_related("collection").filter(pk=object_id).first()
    return story.edit_url() if story else None


def describe(ids) -> dict[int, Described]:
    stories = Story.objects.filter(pk__in=list(ids)).select_related("collection")
    described = {}
    for story in stories:
        achieved = story.is_public
        described[story.pk] = Described(
            title=story.title,
            url=story.get_absolute_url()
            if achieved
            else f"/recits/{story.collection.slug}/{story.slug}/suivi/",
            state=str(story.get_state_display()),
            achieved=achieved,
            detail=str(story.get_kind_display()),
            when=story.published_at if achieved else story.created_at,
        )
    return described
