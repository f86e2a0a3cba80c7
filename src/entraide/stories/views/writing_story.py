"""A story's pages for its authors (confirmed authors only; anyone else 403):
- "<collection>/<story>/suivi/": the follow-up: state, authors and the pending invitation, the
  interviewee and their consent (with the button to ask it, views/consent.py), the episode and
  the photo (views/media.py), the editors' comments and the answer, "Submit for review";
- "<collection>/<story>/ecrire/": the text, with the word count and the page estimate after
  each save; only while the story is editable (else a 409 page: changes go through the
  editors); a save based on an older version than the partner's is refused (409) with the text
  kept and the difference shown;
- "<collection>/<story>/versions/": the saved versions and a diff between two of them;
- POST only: "binome/" (invite), "binome/<id>/retirer/" (withdraw), "interviewe/" (correct the
  interviewee's name, address, credit), "repondre/", "soumettre/"."""

import math

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.core.diff import diff_html
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.stories.access import is_author, is_editor, story_for_author
from entraide.stories.errors import StoryErrorCode
from entraide.stories.forms.writing import IntervieweeForm, InviteForm, ReplyForm, WriteForm
from entraide.stories.models import Author, Story, StoryVersion
from entraide.stories.services import writing

S = "<slug:collection>/<slug:story>/"


def follow_url(story):
    return reverse("stories:follow", args=[story.collection.slug, story.slug])


def _consent_status(consent):
    """(key, sentence) of the interviewee's consent, for the follow-up page."""
    if consent is None:
        return "none", _("not asked yet.")
    if consent.withdrawn_at:
        return "withdrawn", _("withdrawn on %(date)s.") % {"date": _date(consent.withdrawn_at)}
    if consent.answered_at is None:
        return "asked", _("asked on %(date)s, not answered yet.") % {
            "date": _date(consent.requested_at)
        }
    media = [
        label
        for medium, label in (("text", _("text")), ("voice", _("voice")), ("photo", _("photo")))
        if getattr(consent, medium)
    ]
    if not media:
        return "refused", _("refused on %(date)s.") % {"date": _date(consent.answered_at)}
    return "agreed", _("given on %(date)s for: %(media)s.") % {
        "date": _date(consent.answered_at),
        "media": ", ".join(str(m) for m in media),
    }


def _reading_status(consent):
    """The "relecture": the interviewee reads the final text before publication."""
    if consent is None or consent.reading_requested_at is None:
        return ""
    if consent.reading_approved_at:
        return _("They approved the final text on %(date)s.") % {
            "date": _date(consent.reading_approved_at)
        }
    if consent.corrections_at and consent.corrections_at >= consent.reading_requested_at:
        return _("They asked for corrections on %(date)s:") % {
            "date": _date(consent.corrections_at)
        }
    return _("The final text was sent to them to read on %(date)s.") % {
        "date": _date(consent.reading_requested_at)
    }


def _corrections(consent):
    if consent is None or not consent.corrections_at or consent.reading_approved_at:
        return ""
    return consent.corrections


def _date(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


# ----------------------------------------------------------------- the follow-up page


def _follow_page(
    request, story, *, status=200, invite_form=None, reply_form=None, interviewee_form=None
):
    authors = list(story.authors.select_related("user").order_by("pk"))
    consent = story.current_consent()
    base = f"/recits/{story.collection.slug}/{story.slug}/"
    return render(
        request,
        "stories/writing/follow.html",
        {
            "story": story,
            "collection": story.collection,
            "authors": [a for a in authors if a.user_id],
            "pending": [a for a in authors if not a.user_id],
            "can_invite": len(authors) < writing.MAX_AUTHORS,
            "consent_key": _consent_status(consent)[0],
            "consent_status": _consent_status(consent)[1],
            "consent_url": base + "consentement/",
            "consent_reading": _reading_status(consent),
            "consent_corrections": _corrections(consent),
            "can_ask_reading": bool(
                consent
                and consent.covers("text")
                and story.state in (Story.State.IN_REVIEW, Story.State.ACCEPTED)
            ),
            "episode_url": base + "episode/",
            "photo_url": base + "photo/",
            "comments": list(story.comments.select_related("author")),
            "invite_form": invite_form or InviteForm(),
            "reply_form": reply_form or ReplyForm(),
            "interviewee_form": interviewee_form
            or IntervieweeForm(initial={f: getattr(story, f) for f in writing.INTERVIEWEE_FIELDS}),
        },
        status=status,
    )


@require_GET
def follow(request, collection, story):
    return _follow_page(request, story_for_author(request, collection, story))


@require_POST
def invite(request, collection, story):
    story = story_for_author(request, collection, story)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            writing.invite_partner(story, request.user, form.cleaned_data["email"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your partner is invited: they received a mail."))
            return redirect(follow_url(story))
    return _follow_page(request, story, status=400, invite_form=form)


@require_POST
def interviewee(request, collection, story):
    story = story_for_author(request, collection, story)
    form = IntervieweeForm(request.POST)
    if form.is_valid():
        try:
            writing.update_interviewee(story, request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
            return _follow_page(request, story, status=409, interviewee_form=form)
        messages.success(request, _("Saved."))
        return redirect(follow_url(story))
    return _follow_page(request, story, status=400, interviewee_form=form)


@require_POST
def withdraw(request, collection, story, author):
    story = story_for_author(request, collection, story)
    pending = get_object_or_404(Author, pk=author, story=story, user__isnull=True)
    writing.withdraw_invitation(pending, request.user)
    messages.success(request, _("The invitation is withdrawn: its link no longer works."))
    return redirect(follow_url(story))


@require_POST
def answer(request, collection, story):
    story = story_for_author(request, collection, story)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            writing.reply(story, request.user, form.cleaned_data["body"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your answer is sent to the editors."))
            return redirect(follow_url(story))
    return _follow_page(request, story, status=400, reply_form=form)


@require_POST
def submit(request, collection, story):
    story = story_for_author(request, collection, story)
    try:
        writing.submit(story, request.user)
    except DomainError as error:
        add_domain_message(request, error)
        story.refresh_from_db()
        status = 409 if error.code == StoryErrorCode.NOT_EDITABLE else 400
        return _follow_page(request, story, status=status)
    messages.success(request, _("Your story is submitted: the editors were told."))
    return redirect(follow_url(story))


# ----------------------------------------------------------------- writing


def _write_page(request, story, form, *, status=200, conflict=None):
    return render(
        request,
        "stories/writing/write.html",
        {
            "story": story,
            "collection": story.collection,
            "form": form,
            "conflict": conflict,
            # ≈ 2,5 pages: the plural of the page estimate is read from its rounded-up value
            "pages_n": math.ceil(story.pages),
            "follow_url": follow_url(story),
            "versions_url": reverse("stories:versions", args=[story.collection.slug, story.slug]),
        },
        status=status,
    )


def _locked(request, story):
    return render(request, "stories/writing/locked.html", {"story": story}, status=409)


@require_http_methods(["GET", "POST"])
def write(request, collection, story):
    story = story_for_author(request, collection, story)
    if not story.is_editable:
        return _locked(request, story)
    if request.method == "GET":
        form = WriteForm(
            collection=story.collection,
            initial={
                "base": writing.latest_version_number(story),
                "title": story.title,
                "summary": story.summary,
                "body": story.body,
                "themes": list(story.themes.all()),
            },
        )
        return _write_page(request, story, form)
    form = WriteForm(request.POST, collection=story.collection)
    if not form.is_valid():
        return _write_page(request, story, form, status=400)
    data = form.cleaned_data
    try:
        writing.save_draft(story, request.user, **data)
    except DomainError as error:
        if error.code == StoryErrorCode.NOT_EDITABLE:
            return _locked(request, story)
        conflict = None
        if error.code == StoryErrorCode.STALE_VERSION:
            latest = story.versions.select_related("saved_by").order_by("-number").first()
            conflict = {
                "latest": latest,
                "diff": diff_html(latest.body if latest else "", data["body"]),
                "compare_url": reverse("stories:versions", args=[story.collection.slug, story.slug])
                + f"?de={data['base']}&a={latest.number if latest else 0}",
            }
            # The next save is based on the partner's version, which the author has now seen.
            form.data = form.data.copy()
            form.data["base"] = latest.number if latest else 0
        add_domain_error(form, error)  # (takes the field out of cleaned_data)
        return _write_page(request, story, form, status=409 if conflict else 400, conflict=conflict)
    messages.success(request, _("Saved."))
    return redirect(request.path)


# ----------------------------------------------------------------- versions


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_GET
def versions(request, collection, story):
    story = get_object_or_404(
        Story.objects.select_related("collection__place"), collection__slug=collection, slug=story
    )
    if not (is_author(request.user, story) or is_editor(request.user, story.collection)):
        raise PermissionDenied
    rows = list(
        story.versions.select_related("saved_by")
        .only("story", "number", "words", "saved_at", "saved_by__display_name", "saved_by__email")
        .order_by("-number")
    )
    numbers = [v.number for v in rows]
    after = _number(request.GET.get("a"))
    before = _number(request.GET.get("de"))
    if after not in numbers:
        after = numbers[0] if numbers else None
    if before is None or (before not in numbers and before != 0):
        before = next((n for n in numbers if after is not None and n < after), None)
    texts = {
        v.number: v
        for v in StoryVersion.objects.filter(story=story, number__in=[before or 0, after or 0])
    }
    old, new = texts.get(before), texts.get(after)
    diff = None
    if new is not None:
        diff = {
            "old": old,
            "new": new,
            "title": diff_html(old.title if old else "", new.title),
            "body": diff_html(old.body if old else "", new.body),
        }
    return render(
        request,
        "stories/writing/versions.html",
        {
            "story": story,
            "collection": story.collection,
            "versions": rows,
            "before": before,
            "after": after,
            "diff": diff,
            "can_write": is_author(request.user, story),
            "follow_url": follow_url(story),
        },
    )


urlpatterns = [
    path(S + "suivi/", follow, name="follow"),
    path(S + "ecrire/", write, name="write"),
    path(S + "versions/", versions, name="versions"),
    path(S + "binome/", invite, name="invite_partner"),
    path(S + "binome/<int:author>/retirer/", withdraw, name="withdraw_invitation"),
    path(S + "interviewe/", interviewee, name="interviewee"),
    path(S + "repondre/", answer, name="answer"),
    path(S + "soumettre/", submit, name="submit"),
]
