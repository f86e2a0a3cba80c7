"""Consent: the interviewee's private pages ("consentement/<token>/…", no account: the link is
the key), and the authors' and editors' buttons that mail the requests
("<collection>/<story>/consentement/…").

The private pages speak the language of the mail the interviewee received (unless they chose
another with the language switch), are never stored by a cache (`Cache-Control: no-store`) and
send only the site's origin as Referer: "strict-origin", the site's policy for private links
(core/middleware.py), and not "no-referrer", under which browsers send `Origin: null` with
the page's own forms, which the CSRF check refuses. Every wrong token gets the same 404."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.core.middleware import PRIVATE_PAGE_REFERRER_POLICY
from entraide.stories.access import consent_for_link, is_author, is_editor
from entraide.stories.forms.consent import AGREE, REFUSE, AnswerForm, ReadingForm
from entraide.stories.models import Episode, Story
from entraide.stories.services import consent as services

TEMPLATE = "stories/consent/private.html"


def private_link(view):
    """The consent of the link (404 for any wrong token), in the interviewee's language, and
    the headers of a private page."""

    @functools.wraps(view)
    def wrapped(request, token):
        consent = consent_for_link(token)
        consent.newest = consent.story.current_consent()  # read once for the whole page
        if _readdressed(consent):
            raise Http404
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = consent.language if consent.language in dict(settings.LANGUAGES) else None
        with translation.override(language or translation.get_language()):
            response = view(request, consent)
            response.headers["Content-Language"] = translation.get_language()
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = PRIVATE_PAGE_REFERRER_POLICY
        return response

    return wrapped


def _readdressed(consent) -> bool:
    """A later request went to another address (the authors corrected a wrong one): this
    link, mailed to someone who may not be the interviewee, no longer shows the story nor
    lets anyone withdraw or answer for them."""
    newest = consent.newest
    return newest.pk != consent.pk and newest.email.lower() != consent.email.lower()


def _initial(consent, story):
    if consent.is_answered:
        chosen = [medium for medium in services.MEDIA if getattr(consent, medium)]
        return {
            "decision": AGREE if chosen else REFUSE,
            "media": chosen,
            "credit": consent.credit or story.credit,
            "pseudonym": consent.pseudonym,
        }
    return {"credit": story.credit, "pseudonym": story.pseudonym}


def _page(request, consent, *, form=None, reading_form=None, status=200):
    story = consent.story
    episode = Episode.objects.filter(story=story).first()
    current = services.in_force(story)
    latest = consent.newest.pk == consent.pk  # services.is_latest, without a query more
    context = {
        "consent": consent,
        "story": story,
        "collection": story.collection,
        "episode": episode,
        "has_audio": bool(episode and episode.audio),
        "latest": latest,
        "newer": None if latest else consent.newest,
        "in_force": current,
        "reading_open": bool(
            consent.reading_requested_at and current is not None and current.pk == consent.pk
        ),
        "form": form or AnswerForm(story=story, initial=_initial(consent, story)),
        "reading_form": reading_form or ReadingForm(),
    }
    if reading_form is not None and reading_form.errors:
        context["error_form"] = reading_form
    return render(request, TEMPLATE, context, status=status)


@private_link
def private_page(request, consent):
    """What will be published, where, under which name, for how long, how to withdraw; the
    consent form's text; the story's text; the answer, medium by medium."""
    if request.method != "POST":
        return _page(request, consent)
    form = AnswerForm(request.POST, story=consent.story)
    if form.is_valid():
        try:
            services.answer(
                consent,
                media=form.chosen_media(),
                credit=form.cleaned_data["credit"],
                pseudonym=form.cleaned_data["pseudonym"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Your answer is recorded. You can change it, or withdraw, at this link."),
            )
            return redirect(consent.private_url())
    return _page(request, consent, form=form, status=400)


@private_link
def reading(request, consent):
    """The "relecture": approve the final text, or ask for corrections."""
    if request.method != "POST":
        return redirect(consent.private_url() + "#relecture")
    form = ReadingForm(request.POST)
    if form.is_valid():
        try:
            if "approve" in request.POST:
                services.approve_reading(consent)
                done = _("Thank you: you approved the text. The authors are told.")
            else:
                services.ask_corrections(consent, form.cleaned_data["corrections"])
                done = _("Thank you: your corrections were sent to the authors.")
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect(consent.private_url())
    return _page(request, consent, reading_form=form, status=400)


@private_link
def withdraw(request, consent):
    """Withdrawing, no reason asked: a confirmation, then the POST does it (twice: nothing
    more happens)."""
    if request.method == "POST":
        services.withdraw(consent)
        messages.success(
            request,
            _("Your consent is withdrawn. The story is no longer published, its files deleted."),
        )
        return redirect(consent.private_url())
    if consent.is_withdrawn:
        return redirect(consent.private_url())
    story = consent.story
    context = {
        "title": _("Withdraw your consent for “%(title)s”?") % {"title": story.title},
        "consequences": [
            _("No reason is asked."),
            _(
                "The story is unpublished at once: it leaves this site, its feeds and the "
                "anthology's future exports."
            ),
            _("Your recorded voice and your photo are deleted from our storage."),
            _("The authors and the collection's editors are told by mail."),
            _(
                "The record of your consent keeps the date of your withdrawal. To publish "
                "the story again, the authors would have to ask you again."
            ),
        ],
        "irreversible": True,
        "button": _("Yes, withdraw my consent"),
        "back_url": consent.private_url(),
        "back_label": _("Keep my consent as it is"),
    }
    return render(request, "core/confirm.html", context)


# --- The authors' and editors' buttons ------------------------------------------------------


def _story_for_asker(request, collection_slug, slug) -> Story:
    """404 if no such story, 403 unless a confirmed author or an editor."""
    story = get_object_or_404(
        Story.objects.select_related("collection__place"),
        collection__slug=collection_slug,
        slug=slug,
    )
    if not (is_author(request.user, story) or is_editor(request.user, story.collection)):
        raise PermissionDenied
    return story


def _back(request, story):
    """Back to the page the button was on: a local path only."""
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        return redirect(target)
    if is_author(request.user, story):
        return redirect(story.edit_url())
    return redirect(story.review_url())


@require_POST
def request_consent(request, collection_slug, slug):
    story = _story_for_asker(request, collection_slug, slug)
    try:
        services.request_consent(story, by=request.user)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(
            request,
            _("The consent request was mailed to %(email)s.") % {"email": story.interviewee_email},
        )
    return _back(request, story)


@require_POST
def request_reading(request, collection_slug, slug):
    story = _story_for_asker(request, collection_slug, slug)
    try:
        consent = services.request_reading(story, by=request.user)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(
            request,
            _("The final text was sent for reading to %(email)s.") % {"email": consent.email},
        )
    return _back(request, story)


urlpatterns = [
    path("consentement/<str:token>/", private_page, name="consent"),
    path("consentement/<str:token>/relecture/", reading, name="consent_reading"),
    path("consentement/<str:token>/retirer/", withdraw, name="consent_withdraw"),
    path(
        "<slug:collection_slug>/<slug:slug>/consentement/",
        request_consent,
        name="request_consent",
    ),
    path(
        "<slug:collection_slug>/<slug:slug>/consentement/relecture/",
        request_reading,
        name="request_reading",
    ),
]
