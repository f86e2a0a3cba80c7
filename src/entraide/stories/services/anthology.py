"""The anthology (recueil): editors pick public stories of their collection, order them, write
an introduction, and have it built as EPUB 3 or PDF by the background worker.

Only what is public counts: a story is picked only while it is public
(`Story.objects.public()`), and each build takes the picked stories that are public *at build
time*, so that a story unpublished, or whose interviewee withdrew consent, since it was picked
is left out of every later export (and the export says so to the editors).

A build is an `AnthologyExport` row (waiting → being built → ready or failed) made by
`request_export` and carried out by the task `build_export` in the worker (django-tasks, as
the mail outbox), which records its progress story by story, saves the file through
`default_storage`, and the stories it holds. A failure marks the row failed with its reason:
the editor reads it on the anthology's page, never a server error."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Anthology, AnthologyEntry, AnthologyExport, Collection, Story

logger = logging.getLogger(__name__)

STALE_BUILD = timedelta(minutes=15)  # a build still "waiting" after this was lost: ask again


def _title_free(collection, title, anthology=None):
    """One title per anthology of a collection (a double submission makes no second one)."""
    same = Anthology.objects.filter(collection=collection, title__iexact=title.strip())
    if anthology is not None:
        same = same.exclude(pk=anthology.pk)
    if same.exists():
        raise DomainError(
            _("An anthology of this collection already has this title."),
            code=StoryErrorCode.SAME_TITLE,
            field="title",
        )


def create_anthology(collection, *, title, introduction="") -> Anthology:
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=collection.pk)
        _title_free(collection, title)
        anthology = Anthology(collection=collection, title=title, introduction=introduction)
        anthology.save()
    return anthology


def update_anthology(anthology, *, title, introduction) -> Anthology:
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=anthology.collection_id)
        _title_free(anthology.collection_id, title, anthology)
        anthology.title = title
        anthology.introduction = introduction
        anthology.updated_at = timezone.now()
        anthology.save()
    return anthology


def _locked(anthology) -> Anthology:
    """The anthology's row, locked: positions are computed under it, so that two editors
    adding or moving stories at once keep one order."""
    return Anthology.objects.select_for_update().get(pk=anthology.pk)


def add_story(anthology, story_id) -> AnthologyEntry:
    """Pick a public story of the anthology's collection, at the end of the order."""
    with transaction.atomic():
        _locked(anthology)
        story = Story.objects.public().filter(pk=story_id, collection=anthology.collection_id)
        story = story.first()
        if story is None:
            raise DomainError(
                _("Only a public story of this collection can be picked: published, and its "
                  "text covered by the interviewee’s consent."),
                code=StoryErrorCode.NOT_PUBLIC,
                field="story",
            )  # fmt: skip
        if anthology.entries.filter(story=story).exists():
            raise DomainError(
                _("This story is already in the anthology."),
                code=StoryErrorCode.ALREADY_PICKED,
                field="story",
            )
        last = anthology.entries.aggregate(last=Max("position"))["last"]
        entry = AnthologyEntry.objects.create(
            anthology=anthology, story=story, position=0 if last is None else last + 1
        )
        Anthology.objects.filter(pk=anthology.pk).update(updated_at=timezone.now())
    return entry


def _entries(anthology):
    return list(anthology.entries.order_by("position", "pk"))


def _entry(entries, story_id):
    for index, entry in enumerate(entries):
        if entry.story_id == story_id:
            return index
    raise DomainError(
        _("This story is not in the anthology (any more)."), code=StoryErrorCode.NOT_PICKED
    )


def _renumber(anthology, entries):
    for position, entry in enumerate(entries):
        if entry.position != position:
            entry.position = position
            entry.save(update_fields=["position"])
    Anthology.objects.filter(pk=anthology.pk).update(updated_at=timezone.now())


def remove_story(anthology, story_id):
    with transaction.atomic():
        _locked(anthology)
        entries = _entries(anthology)
        entry = entries.pop(_entry(entries, story_id))
        entry.delete()
        _renumber(anthology, entries)


def move_story(anthology, story_id, step: int):
    """Move a story one place up (`step` -1) or down (+1); at either end, it stays."""
    with transaction.atomic():
        _locked(anthology)
        entries = _entries(anthology)
        index = _entry(entries, story_id)
        target = min(max(index + step, 0), len(entries) - 1)
        entries.insert(target, entries.pop(index))
        _renumber(anthology, entries)


def set_order(anthology, story_ids):
    """Put the stories in the order of `story_ids`; those not named keep their turn after."""
    with transaction.atomic():
        _locked(anthology)
        entries = _entries(anthology)
        rank = {story_id: n for n, story_id in enumerate(story_ids)}
        entries.sort(key=lambda e: (rank.get(e.story_id, len(rank)), e.position))
        _renumber(anthology, entries)


def public_entries(anthology):
    """(stories public now, in the anthology's order; stories picked but no longer public)."""
    entries = anthology.entries.select_related("story__collection").order_by("position", "pk")
    public = set(
        Story.objects.public()
        .filter(anthology_entries__anthology=anthology)
        .values_list("pk", flat=True)
    )
    kept, left_out = [], []
    for entry in entries:
        (kept if entry.story_id in public else left_out).append(entry.story)
    return kept, left_out


def request_export(anthology, *, format, by) -> AnthologyExport:
    """Queue a build of `format` (AnthologyExport.Format); the worker carries it out."""
    with transaction.atomic():
        _locked(anthology)
        has_public = Story.objects.public().filter(anthology_entries__anthology=anthology).exists()
        if not has_public:
            raise DomainError(
                _("Pick at least one public story before exporting the anthology."),
                code=StoryErrorCode.NO_STORY,
            )
        pending = anthology.exports.filter(
            format=format,
            status__in=[AnthologyExport.Status.QUEUED, AnthologyExport.Status.BUILDING],
            requested_at__gt=timezone.now() - STALE_BUILD,
        )
        if pending.exists():
            raise DomainError(
                _("This format is already being built: its file will appear below."),
                code=StoryErrorCode.ALREADY_BUILDING,
            )
        export = AnthologyExport.objects.create(anthology=anthology, format=format, requested_by=by)
        transaction.on_commit(lambda: build_export.enqueue(export.pk), robust=True)
    return export


def delete_export(export):
    with transaction.atomic():
        name = export.file.name
        export.delete()
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))


# --- The build, in the worker -----------------------------------------------------------------


@task()
def build_export(export_id: int) -> str:
    return run_build(export_id)


def _claim(export_id):
    with transaction.atomic():
        export = (
            AnthologyExport.objects.select_for_update(of=("self",))
            .select_related("anthology__collection__place", "requested_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status != AnthologyExport.Status.QUEUED:
            return None
        export.status = AnthologyExport.Status.BUILDING
        export.progress = 0
        export.save(update_fields=["status", "progress"])
    return export


def run_build(export_id: int) -> str:
    """Build the export `export_id` if it is still waiting; its status at the end."""
    from entraide.stories import anthology_exports  # WeasyPrint and ebooklib: worker only

    export = _claim(export_id)
    if export is None:
        return "skipped"

    def progress(percent):
        AnthologyExport.objects.filter(pk=export.pk).update(progress=min(int(percent), 99))

    saved = ""
    language = anthology_exports.language_of(export)
    try:
        stories, left_out = public_entries(export.anthology)
        if not stories:
            with translation.override(language):
                message = _("No story of the anthology is public any more.")
            raise anthology_exports.BuildError(message)
        built_at = timezone.now()
        content = anthology_exports.build(export, stories, built_at=built_at, progress=progress)
        name = anthology_exports.filename(export)
        saved = default_storage.save(name, ContentFile(content))
        held = [{"id": s.pk, "title": s.title, "credited": s.credited_name()} for s in stories]
        held += [{"id": s.pk, "title": s.title, "left_out": True} for s in left_out]
        updated = AnthologyExport.objects.filter(
            pk=export.pk, status=AnthologyExport.Status.BUILDING
        ).update(
            status=AnthologyExport.Status.DONE,
            progress=100,
            file=saved,
            size=len(content),
            stories=held,
            built_at=built_at,
            error="",
        )
        if not updated:  # deleted by an editor meanwhile
            default_storage.delete(saved)
            return "deleted"
    except Exception as error:
        logger.exception("anthology export %s failed", export.pk)
        if saved:
            default_storage.delete(saved)
        reason = str(error) if isinstance(error, anthology_exports.BuildError) else ""
        AnthologyExport.objects.filter(pk=export.pk).update(
            status=AnthologyExport.Status.FAILED,
            error=(reason or type(error).__name__)[:300],
            built_at=timezone.now(),
        )
        return AnthologyExport.Status.FAILED
    return AnthologyExport.Status.DONE


def delete_exports_holding(story) -> int:
    """Delete every export that holds `story` (its file at commit): called when the
    interviewee withdraws consent, so that no new copy of the story is downloaded from an
    export made before. Returns how many were deleted."""
    exports = AnthologyExport.objects.filter(anthology__collection=story.collection_id)
    holding = [
        export
        for export in exports.only("pk", "file", "stories")
        if any(held.get("id") == story.pk and not held.get("left_out") for held in export.stories)
    ]
    for export in holding:
        delete_export(export)
    return len(holding)
