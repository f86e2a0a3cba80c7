"""The editors' review: every story of a collection by state ("<slug>/gerer/relecture/"), and
one story's review page ("<slug>/<story>/relire/": its text, episode, photo, consent record,
comments, and the moves its state allows, with the reason a publication would be refused shown
before anyone clicks). A move from a state the story has left answers 409 with where it
stands; a refusal (no consent…) 400 beside the buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error
from entraide.stories.access import collection_for_editor, story_for_editor
from entraide.stories.errors import StoryErrorCode
from entraide.stories.forms.review import ChangesForm, CommentForm
from entraide.stories.models import Author, Consent, Episode, Story
from entraide.stories.services import review as services

State = Story.State
ORDER = (
    State.IN_REVIEW,
    State.CHANGES_REQUESTED,
    State.ACCEPTED,
    State.PUBLISHED,
    State.DRAFT,
)


def consent_status(consent) -> tuple[str, str]:
    """(badge class, words) for the consent in force: what the interviewee agreed to."""
    if consent is None:
        return "full", _("not asked yet")
    if consent.is_withdrawn:
        return "danger", _("withdrawn")
    if not consent.is_answered:
        return "full", _("pending")
    agreed = [
        label
        for medium, label in (("text", _("text")), ("voice", _("voice")), ("photo", _("photo")))
        if getattr(consent, medium)
    ]
    if not agreed:
        return "danger", _("refused")
    return "", _("agreed: %(media)s") % {"media": ", ".join(agreed)}


@login_required
def stories(request, slug):
    collection = collection_for_editor(request, slug)
    rows = (
        collection.stories.annotate(last_comment=Max("comments__created_at"))
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=Author.objects.filter(user__isnull=False).select_related("user"),
                to_attr="confirmed_authors",
            ),
            Prefetch(
                "consents",
                queryset=Consent.objects.order_by("-requested_at", "-pk"),
                to_attr="consent_list",
            ),
        )
        .order_by("-updated_at", "pk")
    )
    groups = {state: [] for state in ORDER}
    for story in rows:
        story.consent = story.consent_list[0] if story.consent_list else None
        story.consent_badge, story.consent_words = consent_status(story.consent)
        story.last_activity = max(d for d in (story.updated_at, story.last_comment) if d)
        groups[story.state].append(story)
    sections = [(state, State(state).label, groups[state]) for state in ORDER]
    context = {"collection": collection, "sections": sections}
    return render(request, "stories/review/stories.html", context)


def _story_page(request, story, *, status=200, form=None, changes_form=None, error=None):
    consent = story.current_consent()
    episode = Episode.objects.filter(story=story).first()
    refusal = services.publication_refusal(story) if story.state == State.ACCEPTED else None
    context = {
        "collection": story.collection,
        "story": story,
        "episode": episode,
        "duration": f"{episode.duration // 60}:{episode.duration % 60:02d}" if episode else "",
        "consent": consent,
        "consent_badge": consent_status(consent),
        "comments": story.comments.select_related("author", "version").order_by("created_at"),
        "authors": story.authors.select_related("user"),
        "form": form or CommentForm(),
        "changes_form": changes_form or ChangesForm(),
        "actions": [
            word for word, (_f, states) in services.ACTIONS.items() if story.state in states
        ],
        "refusal": refusal,
        "error": error,
        "versions_url": f"/recits/{story.collection.slug}/{story.slug}/versions/",
        "error_form": next((f for f in (form, changes_form) if f is not None and f.errors), None),
    }
    return render(request, "stories/review/story.html", context, status=status)


@login_required
def story(request, collection_slug, slug):
    """The story as the editors review it; POST adds a comment."""
    story = story_for_editor(request, collection_slug, slug)
    if request.method != "POST":
        return _story_page(request, story)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment(story, by=request.user, body=form.cleaned_data["body"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your comment is added; the authors receive it."))
            return redirect(story.review_url() + "#comments")
    return _story_page(request, story, status=400, form=form)


DONE = {
    "a-reprendre": lambda: _("The authors are asked for changes."),
    "accepter": lambda: _("The story is accepted."),
    "publier": lambda: _("The story is published."),
    "depublier": lambda: _("The story is no longer published."),
}


@login_required
@require_POST
def act(request, collection_slug, slug, action):
    story = story_for_editor(request, collection_slug, slug)
    if action not in services.ACTIONS:
        raise Http404
    service = services.ACTIONS[action][0]
    changes_form = None
    try:
        if action == "a-reprendre":
            changes_form = ChangesForm(request.POST)
            if not changes_form.is_valid():
                return _story_page(request, story, status=400, changes_form=changes_form)
            service(story, by=request.user, comment=changes_form.cleaned_data["body"])
        else:
            service(story, by=request.user)
    except DomainError as error:
        story.refresh_from_db()
        status = 409 if error.code == StoryErrorCode.WRONG_STATE else 400
        if changes_form is not None and error.field == "body":
            add_domain_error(changes_form, error)
            return _story_page(request, story, status=status, changes_form=changes_form)
        return _story_page(request, story, status=status, error=error)
    messages.success(request, DONE[action]())
    return redirect(story.review_url())


urlpatterns = [
    path("<slug:slug>/gerer/relecture/", stories, name="review_stories"),
    path("<slug:collection_slug>/<slug:slug>/relire/", story, name="review_story"),
    path("<slug:collection_slug>/<slug:slug>/relire/<slug:action>/", act, name="review_action"),
]
