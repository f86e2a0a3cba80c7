"""The editors' anthologies ("<slug>/gerer/recueils/…"): the list and a new one; an anthology's
page (its title and introduction, the stories picked and their order, the exports: build,
follow, download); the printable page; the files. Every page is behind
access.collection_for_editor (404 for an unknown collection or anthology, 403 for anyone not
running its place). The files have no public address: only the editors download them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.stories import anthology_exports
from entraide.stories.access import collection_for_editor
from entraide.stories.errors import StoryErrorCode
from entraide.stories.forms.anthology import AnthologyForm, ExportForm, PickForm
from entraide.stories.models import Anthology, AnthologyExport, Story
from entraide.stories.services import anthology as services

T = "stories/anthology/"
EXPORTS_SHOWN = 10
PENDING = (AnthologyExport.Status.QUEUED, AnthologyExport.Status.BUILDING)
MIME = {"epub": "application/epub+zip", "pdf": "application/pdf"}


def _anthology(request, slug, anthology_id) -> Anthology:
    collection = collection_for_editor(request, slug)
    anthology = get_object_or_404(Anthology, pk=anthology_id, collection=collection)
    anthology.collection = collection
    return anthology


@login_required
def anthologies(request, slug):
    collection = collection_for_editor(request, slug)
    form = AnthologyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                anthology = services.create_anthology(collection, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The anthology is created: pick its stories."))
                return redirect(anthology.manage_url())
    listed = collection.anthologies.annotate(stories=Count("entries")).order_by("-created_at")
    context = {"collection": collection, "anthologies": listed, "form": form}
    return render(request, T + "list.html", context, status=status)


def _exports(anthology, public_ids):
    """The latest exports, each with what it holds, left out, and holds no longer public."""
    exports = list(anthology.exports.order_by("-requested_at", "-pk")[:EXPORTS_SHOWN])
    for export in exports:
        export.held = [s for s in export.stories if not s.get("left_out")]
        export.left_out = [s for s in export.stories if s.get("left_out")]
        export.no_longer_public = [s for s in export.held if s["id"] not in public_ids]
    return exports


def _page(request, anthology, *, status=200, **bound):
    entries = list(anthology.entries.select_related("story").order_by("position", "pk"))
    public = Story.objects.public().filter(collection=anthology.collection)
    public_ids = set(
        public.filter(anthology_entries__anthology=anthology).values_list("pk", flat=True)
    )
    for entry in entries:
        entry.is_public = entry.story_id in public_ids
    candidates = list(public.exclude(anthology_entries__anthology=anthology).order_by("title"))
    exports = _exports(anthology, public_ids)
    context = {
        "anthology": anthology,
        "collection": anthology.collection,
        "entries": entries,
        "public_count": len(public_ids),
        "candidates": candidates,
        "exports": exports,
        "building": any(export.status in PENDING for export in exports),
        "form": bound.get("form")
        or AnthologyForm(
            initial={"title": anthology.title, "introduction": anthology.introduction}
        ),
        "pick_form": bound.get("pick_form") or PickForm(auto_id="id_pick_%s"),
        "export_error": bound.get("export_error"),
    }
    context["pick_form"].offer(candidates)
    context["error_form"] = next((f for f in bound.values() if hasattr(f, "errors")), None)
    return render(request, T + "manage.html", context, status=status)


@login_required
def manage(request, slug, anthology_id):
    anthology = _anthology(request, slug, anthology_id)
    if request.method != "POST":
        return _page(request, anthology)
    form = AnthologyForm(request.POST)
    if form.is_valid():
        try:
            services.update_anthology(anthology, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The anthology is saved."))
            return redirect(anthology.manage_url())
        anthology.refresh_from_db()
    return _page(request, anthology, status=400, form=form)


@login_required
@require_POST
def add(request, slug, anthology_id):
    anthology = _anthology(request, slug, anthology_id)
    form = PickForm(request.POST, auto_id="id_pick_%s")
    if form.is_valid():
        try:
            services.add_story(anthology, form.cleaned_data["story"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The story is added at the end."))
            return redirect(anthology.manage_url() + "#recits")
    return _page(request, anthology, status=400, pick_form=form)


def _row_action(request, slug, anthology_id, story_id, action, done):
    anthology = _anthology(request, slug, anthology_id)
    try:
        action(anthology, story_id)
    except DomainError as error:
        add_domain_message(request, error)
        return redirect(anthology.manage_url())
    messages.success(request, done)
    return redirect(anthology.manage_url() + "#recits")


@login_required
@require_POST
def move_up(request, slug, anthology_id, story_id):
    action = lambda anthology, story: services.move_story(anthology, story, -1)  # noqa: E731
    return _row_action(request, slug, anthology_id, story_id, action, _("The story moved up."))


@login_required
@require_POST
def move_down(request, slug, anthology_id, story_id):
    action = lambda anthology, story: services.move_story(anthology, story, 1)  # noqa: E731
    return _row_action(request, slug, anthology_id, story_id, action, _("The story moved down."))


@login_required
@require_POST
def remove(request, slug, anthology_id, story_id):
    done = _("The story is taken out of the anthology.")
    return _row_action(request, slug, anthology_id, story_id, services.remove_story, done)


@login_required
@require_POST
def build(request, slug, anthology_id):
    anthology = _anthology(request, slug, anthology_id)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _page(request, anthology, status=400, export_error=_("Choose EPUB or PDF."))
    try:
        services.request_export(anthology, format=form.cleaned_data["format"], by=request.user)
    except DomainError as error:
        return _page(request, anthology, status=400, export_error=error.message)
    messages.success(
        request, _("The export is being built: it appears below once ready (refresh the page).")
    )
    return redirect(anthology.manage_url() + "#exports")


@login_required
def printable(request, slug, anthology_id):
    anthology = _anthology(request, slug, anthology_id)
    stories, _left_out = services.public_entries(anthology)
    if not stories:
        add_domain_message(
            request,
            DomainError(
                _("Pick at least one public story to print the anthology."),
                code=StoryErrorCode.NO_STORY,
            ),
        )
        return redirect(anthology.manage_url())
    html = anthology_exports.printable(anthology, stories, built_at=timezone.now(), request=request)
    return HttpResponse(html)


def _export(request, slug, anthology_id, export_id):
    anthology = _anthology(request, slug, anthology_id)
    export = get_object_or_404(AnthologyExport, pk=export_id, anthology=anthology)
    export.anthology = anthology
    return export


@login_required
def download(request, slug, anthology_id, export_id):
    export = _export(request, slug, anthology_id, export_id)
    if export.status != AnthologyExport.Status.DONE or not export.file:
        raise Http404
    try:
        stored = default_storage.open(export.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        stored,
        as_attachment=True,
        filename=anthology_exports.download_name(export),
        content_type=MIME[export.format],
    )


@login_required
@require_POST
def delete_export(request, slug, anthology_id, export_id):
    export = _export(request, slug, anthology_id, export_id)
    services.delete_export(export)
    messages.success(request, _("The export is deleted."))
    return redirect(export.anthology.manage_url() + "#exports")


P = "<slug:slug>/gerer/recueils/"
A = P + "<int:anthology_id>/"
urlpatterns = [
    path(P, anthologies, name="anthologies"),
    path(A, manage, name="anthology"),
    path(A + "recits/", add, name="anthology_add"),
    path(A + "recits/<int:story_id>/monter/", move_up, name="anthology_up"),
    path(A + "recits/<int:story_id>/descendre/", move_down, name="anthology_down"),
    path(A + "recits/<int:story_id>/retirer/", remove, name="anthology_remove"),
    path(A + "exporter/", build, name="anthology_build"),
    path(A + "imprimer/", printable, name="anthology_print"),
    path(A + "fichiers/<int:export_id>/", download, name="anthology_download"),
    path(A + "fichiers/<int:export_id>/supprimer/", delete_export, name="anthology_delete_export"),
]
