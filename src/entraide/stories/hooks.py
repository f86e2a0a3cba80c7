"""What stories bring to the shared pages: the menu, the home page, the organiser space, a
place's page, the account page, "My data" and account deletion, its private links and the
accessibility statement. register() is all AppConfig.ready() calls."""

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.core import registry
from entraide.core.personal_data import Row
from entraide.core.registry import (
    AccountLink,
    Action,
    Feature,
    Item,
    MenuEntry,
    PersonalDataSection,
    SpaceSection,
    TestedPage,
)
from entraide.stories.models import AnthologyExport, Collection, Comment, Story, Writer

DEMO = "/recits/recits-de-la-transition-universite-paul-valery/"
DEMO_STORY = f"{DEMO}reparer-ensemble-au-cafe-du-quartier/"


def _stories_count(count):
    return ngettext("%(count)s story", "%(count)s stories", count) % {"count": count}


def place_activities(place):
    """A place's public collections, with their number of public stories: one query."""
    collections = (
        Collection.objects.filter(place=place, published_at__isnull=False)
        .annotate(
            public=Count(
                "stories",
                filter=Q(stories__state=Story.State.PUBLISHED, stories__consented_text=True),
            )
        )
        .order_by("-created_at", "pk")[:10]
    )
    return [
        Item(
            c.title,
            c.get_absolute_url(),
            detail=_("Stories published: %(count)s") % {"count": c.public},
        )
        for c in collections
    ]


def organiser_space(places):
    """Per place: its collections, their stories awaiting review and published, in one
    query."""
    collections = (
        Collection.objects.filter(place__in=places)
        .annotate(
            in_review=Count(
                "stories", filter=Q(stories__state=Story.State.IN_REVIEW), distinct=True
            ),
            published=Count(
                "stories", filter=Q(stories__state=Story.State.PUBLISHED), distinct=True
            ),
            failed=Count(
                "anthologies__exports",
                filter=Q(anthologies__exports__status=AnthologyExport.Status.FAILED),
                distinct=True,
            ),
        )
        .order_by("-created_at", "pk")
    )
    by_place = {}
    for collection in collections:
        by_place.setdefault(collection.place_id, []).append(collection)
    sections = {}
    for place in places:
        items, attention = [], []
        for c in by_place.get(place.pk, [])[:10]:
            state = _("Public") if c.is_public else _("Not public yet")
            published = ngettext(
                "%(count)s story published", "%(count)s stories published", c.published
            ) % {"count": c.published}
            items.append(Item(c.title, c.manage_url(), detail=f"{state} · {published}"))
            if c.in_review:
                attention.append(
                    Item(
                        ngettext(
                            "%(count)s story to review",
                            "%(count)s stories to review",
                            c.in_review,
                        )
                        % {"count": c.in_review},
                        c.review_url(),
                        detail=c.title,
                    )
                )
            if c.failed:
                attention.append(
                    Item(
                        ngettext(
                            "%(count)s anthology export failed",
                            "%(count)s anthology exports failed",
                            c.failed,
                        )
                        % {"count": c.failed},
                        c.anthologies_url(),
                        detail=c.title,
                    )
                )
        sections[place.pk] = SpaceSection(
            title=gettext_lazy("Stories of the transition"),
            items=items,
            attention=attention,
            actions=[Action(_("New collection of stories"), f"/recits/nouveau/?lieu={place.slug}")],
            empty=_("No collection of stories."),
        )
    return sections


def _authorships(user):
    return Story.objects.filter(authors__user=user).select_related("collection").distinct()


def collect_stories(user):
    rows = []
    for writer in Writer.objects.filter(user=user).select_related("collection"):
        rows.append(
            Row()
            .add("collection", None, writer.collection.title, heading=True)
            .add("joined", gettext_lazy("Writer since"), writer.joined_at)
        )
    for story in _authorships(user).annotate(
        my_versions=Count("versions", filter=Q(versions__saved_by=user), distinct=True),
        last_saved=Max("versions__saved_at"),
    ):
        rows.append(
            Row()
            .add("story", None, story.title, heading=True)
            .add("collection", gettext_lazy("Collection"), story.collection.title)
            .add("state", gettext_lazy("State"), story.state, str(story.get_state_display()))
            .add("words", gettext_lazy("Words"), story.words)
            .add("versions_saved", gettext_lazy("Versions you saved"), story.my_versions)
            .add("interviewee", gettext_lazy("Person interviewed"), story.interviewee_name)
        )
    comments = Comment.objects.filter(author=user).count()
    if comments:
        rows.append(
            Row()
            .add("comments", None, _("Comments"), heading=True)
            .add("count", gettext_lazy("Comments you wrote"), comments)
        )
    return rows


def erase_stories(user):
    """The person's authorships go. A story left without any author is deleted with its files
    unless it is published (the interviewee consented to it; the editors keep it). Their
    comments stay, unsigned."""
    stories = list(_authorships(user))
    for story in stories:
        story.authors.filter(user=user).delete()
        if story.state != Story.State.PUBLISHED and not story.authors.exists():
            story.delete_files()
            story.delete()
    Writer.objects.filter(user=user).delete()


def describe_stories_erasure(user):
    count = _authorships(user).count()
    if not count:
        return []
    return [
        ngettext(
            "You are removed from the authors of your story; if nobody else wrote it and it is "
            "not published, it is deleted with its recording and photo.",
            "You are removed from the authors of your %(count)s stories; those nobody else "
            "wrote and not published are deleted with their recordings and photos.",
            count,
        )
        % {"count": count}
    ]


def register():
    registry.register_menu(MenuEntry("stories", gettext_lazy("Stories"), "stories:collections", 50))
    registry.register_feature(
        Feature(
            "stories",
            gettext_lazy("Stories of the transition"),
            gettext_lazy(
                "In pairs, interview someone engaged in the transition and write their "
                "portrait, an article or a podcast. Nothing is published without the consent "
                "of the person interviewed, who may withdraw it at any time."
            ),
            "stories:collections",
            50,
        )
    )
    registry.register_account_link(
        AccountLink("stories", gettext_lazy("My stories"), "stories:mine", 50)
    )
    registry.register_organiser_space(organiser_space)
    registry.register_place_activities(place_activities)
    registry.register_private_paths(
        ("recits", "consentement"), ("recits", "binome"), ("recits", "invitation")
    )
    registry.register_accessibility(
        pages=[
            TestedPage(gettext_lazy("Stories of the transition"), "/recits/", 50),
            TestedPage(gettext_lazy("A collection of stories"), DEMO, 51),
            TestedPage(gettext_lazy("A story and its podcast episode"), DEMO_STORY, 52),
        ],
        journeys=[gettext_lazy("reading a story and listening to its episode")],
    )
    registry.register_personal_data(
        PersonalDataSection(
            "stories",
            gettext_lazy("My stories"),
            collect_stories,
            erase_stories,
            describe_stories_erasure,
        )
    )
