"""A story's episode and photo: the authors' pages ("<collection>/<story>/episode/",
"…/photo/") and the files served ("…/audio", "…/photo"), streamed from storage with HTTP
Range requests (podcast apps and browsers seek with them), to the public only once consent
covers them, and before that to the story's authors and the collection's editors."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.stories.access import is_author, is_editor, story_for_author
from entraide.stories.forms.media import AltForm, AudioForm, ChaptersForm, PhotoForm, TranscriptForm
from entraide.stories.media import photo_mime_type, too_big
from entraide.stories.models import Episode, Story
from entraide.stories.services import media as services
from entraide.stories.uploads import BoundedUploadHandler, upload_max_bytes

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")  # ASCII digits only, as HTTP says
FAR = 10**18  # any byte position of more digits than this is past the end of any file


def _position(digits: str) -> int:
    """A Range position; thousands of digits would make int() raise (a 500)."""
    return int(digits) if len(digits) <= 18 else FAR


def _episode(story):
    return Episode.objects.filter(story=story).first()


def _upload_cut_short(request) -> bool:
    return any(
        isinstance(handler, BoundedUploadHandler) and handler.cut_short
        for handler in request.upload_handlers
    )


def _episode_page(request, story, status=200, **forms):
    episode = _episode(story)
    context = {
        "story": story,
        "episode": episode,
        "audio_form": forms.get("audio_form") or AudioForm(),
        "transcript_form": forms.get("transcript_form")
        or TranscriptForm(initial={"transcript": episode.transcript if episode else ""}),
        "chapters_form": forms.get("chapters_form")
        or ChaptersForm(initial={"chapters": episode.chapters if episode else ""}),
    }
    return render(request, "stories/media/episode.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def episode(request, collection_slug, slug):
    """The episode's page; a POST sends a recording."""
    story = story_for_author(request, collection_slug, slug)
    if request.method != "POST":
        return _episode_page(request, story)
    form = AudioForm(request.POST, request.FILES)
    if _upload_cut_short(request):
        add_domain_error(form, too_big("audio", upload_max_bytes()))
    elif form.is_valid():
        try:
            services.attach_audio(story, request.user, form.cleaned_data["audio"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The recording is saved."))
            return redirect(f"{story.get_absolute_url()}episode/")
    return _episode_page(request, story, status=400, audio_form=form)


def _episode_form(request, story, form, field, change, done):
    """One of the episode page's forms: valid, `change` the episode with the field's value and
    go back to the page with `done`; else the page again, the error beside the field, a 400."""
    if form.is_valid():
        try:
            change(story, request.user, form.cleaned_data[field])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect(f"{story.get_absolute_url()}episode/")
    return _episode_page(request, story, status=400, **{f"{field}_form": form})


@login_required
@require_POST
def transcript(request, collection_slug, slug):
    story = story_for_author(request, collection_slug, slug)
    form = TranscriptForm(request.POST)
    return _episode_form(
        request, story, form, "transcript", services.set_transcript, _("The transcript is saved.")
    )


@login_required
@require_POST
def chapters(request, collection_slug, slug):
    story = story_for_author(request, collection_slug, slug)
    form = ChaptersForm(request.POST)
    return _episode_form(
        request, story, form, "chapters", services.set_chapters, _("The chapters are saved.")
    )


@login_required
@require_POST
def remove_audio(request, collection_slug, slug):
    story = story_for_author(request, collection_slug, slug)
    try:
        services.remove_audio(story, request.user)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(request, _("The recording is deleted."))
    return redirect(f"{story.get_absolute_url()}episode/")


@login_required
@require_http_methods(["GET", "POST"])
def photo(request, collection_slug, slug):
    """The photo's page: send one with its description, or describe the one there."""
    story = story_for_author(request, collection_slug, slug)
    form = PhotoForm()
    alt_form = AltForm(initial={"alt": story.photo_alt})
    status = 200
    if request.method == "POST" and "photo" not in request.FILES and story.photo:
        alt_form = AltForm(request.POST)
        if alt_form.is_valid():
            try:
                services.describe_photo(story, request.user, alt_form.cleaned_data["alt"])
            except DomainError as error:
                add_domain_error(alt_form, error)
            else:
                messages.success(request, _("The description is saved."))
                return redirect(f"{story.get_absolute_url()}photo/")
        status = 400
    elif request.method == "POST":
        form = PhotoForm(request.POST, request.FILES)
        if _upload_cut_short(request):
            add_domain_error(form, too_big("photo", upload_max_bytes()))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.attach_photo(story, request.user, data["photo"], data["alt"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The photo is saved, without its metadata."))
                return redirect(f"{story.get_absolute_url()}photo/")
        status = 400
    context = {"story": story, "form": form, "alt_form": alt_form}
    return render(request, "stories/media/photo.html", context, status=status)


@login_required
@require_POST
def remove_photo(request, collection_slug, slug):
    story = story_for_author(request, collection_slug, slug)
    try:
        services.remove_photo(story, request.user)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(request, _("The photo is deleted."))
    return redirect(f"{story.get_absolute_url()}photo/")


# ----------------------------------------------------------------------- serving the files


def _may_preview(user, story) -> bool:
    """The story's authors and the collection's editors hear and see it before the public."""
    return user.is_authenticated and (is_author(user, story) or is_editor(user, story.collection))


def _chunks(name, start, length):
    with default_storage.open(name, "rb") as file:
        file.seek(start)
        while length > 0:
            data = file.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data


def serve_file(request, name, content_type, *, public):
    """The file `name` of storage, streamed, whole (200) or the byte range asked (206); 416
    for a range past its end."""
    try:
        size = default_storage.size(name)
    except (FileNotFoundError, OSError):
        raise Http404 from None
    start, end, status = 0, size - 1, 200
    match = RANGE.match(request.headers.get("Range", "").replace(" ", ""))
    first, last = (match.group(1), match.group(2)) if match else ("", "")
    if first and last and _position(last) < _position(first):
        first = last = ""  # "bytes=10-5" is invalid, not unsatisfiable: ignored (RFC 9110 §14.2)
    if first or last:
        if first:
            start = _position(first)
            end = min(_position(last), size - 1) if last else size - 1
        else:  # the last N bytes
            start = max(size - _position(last), 0)
        if start >= size or start > end or (not first and _position(last) == 0):
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            response["Accept-Ranges"] = "bytes"
            return response
        status = 206
    length = end - start + 1
    body = [] if request.method == "HEAD" else _chunks(name, start, length)
    response = StreamingHttpResponse(body, status=status, content_type=content_type)
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Cache-Control"] = "no-cache" if public else "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


@require_http_methods(["GET", "HEAD"])
def audio(request, collection_slug, slug):
    story = get_object_or_404(
        Story.objects.select_related("collection__place", "episode"),
        collection__slug=collection_slug,
        slug=slug,
    )
    episode = getattr(story, "episode", None)
    public = story.audio_is_public
    if episode is None or not episode.audio or not (public or _may_preview(request.user, story)):
        raise Http404
    return serve_file(request, episode.audio.name, episode.mime_type, public=public)


@require_http_methods(["GET", "HEAD"])
def photo_file(request, collection_slug, slug):
    story = get_object_or_404(
        Story.objects.select_related("collection__place"),
        collection__slug=collection_slug,
        slug=slug,
    )
    public = story.photo_is_public
    if not story.photo or not (public or _may_preview(request.user, story)):
        raise Http404
    name = story.photo.name
    return serve_file(request, name, photo_mime_type(name), public=public)


urlpatterns = [
    path("<slug:collection_slug>/<slug:slug>/episode/", episode, name="episode"),
    path(
        "<slug:collection_slug>/<slug:slug>/episode/transcription/",
        transcript,
        name="episode_transcript",
    ),
    path(
        "<slug:collection_slug>/<slug:slug>/episode/chapitres/", chapters, name="episode_chapters"
    ),
    path(
        "<slug:collection_slug>/<slug:slug>/episode/supprimer/",
        remove_audio,
        name="episode_remove",
    ),
    path("<slug:collection_slug>/<slug:slug>/photo/", photo, name="photo"),
    path("<slug:collection_slug>/<slug:slug>/photo/supprimer/", remove_photo, name="photo_remove"),
    path("<slug:collection_slug>/<slug:slug>/audio", audio, name="audio"),
    path("<slug:collection_slug>/<slug:slug>/photo", photo_file, name="photo_file"),
]
