"""The organisers' changes to a catalogue and its projects: creating a catalogue (a place's, or
the site-wide one, run by the site's staff), its settings, publishing it; creating and changing
a project with its audiences, tags and links, publishing it, closing and reopening its
enrolment. Every function checks that `by` runs the catalogue (OTHER_PLACE otherwise), checks
every limit of the models with a message beside the field, and runs in one transaction: a
refused change saves nothing."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import reserved_words, save_with_unique_slug
from entraide.places.services import is_organiser
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import (
    Audience,
    Catalogue,
    Project,
    ProjectLink,
    Tag,
)
from entraide.projects.services.fields import (  # some re-exported for the views
    _named,
    clean_catalogue_fields,
    clean_links,
    clean_project_fields,
    parse_names,
)

NAMESPACE = "projects"
CATALOGUE_FIELDS = ("title", "summary", "description")
PROJECT_FIELDS = (
    "title",
    "summary",
    "description",
    "duration",
    "output_kind",
    "in_pairs",
    "max_pairs",
    "collection_slug",
    "workshop_minutes",
    "workshop_capacity",
    "workshop_sessions",
)


# --- Who may -------------------------------------------------------------------------------


def can_run(by, place) -> bool:
    """A place's catalogue is run by the place's team; the site-wide one (no place) by staff."""
    if by is None or not by.is_authenticated:
        return False
    return by.is_staff if place is None else is_organiser(by, place)


def check_organiser(catalogue_or_place, by):
    place = (
        catalogue_or_place.place
        if isinstance(catalogue_or_place, Catalogue)
        else catalogue_or_place
    )
    if not can_run(by, place):
        raise DomainError(
            _("Only the team running this catalogue may do this."), code=Code.OTHER_PLACE
        )


def _replace_links(project, links):
    project.links.all().delete()
    ProjectLink.objects.bulk_create(
        ProjectLink(project=project, position=position, **link)
        for position, link in enumerate(links)
    )


# --- Catalogues -----------------------------------------------------------------------------


def create_catalogue(place, *, by, fields: dict) -> Catalogue:
    """A new catalogue of `place` (None: the site-wide one, only one, run by the staff), not
    yet public, at an address made from its title."""
    check_organiser(place, by)
    cleaned = clean_catalogue_fields({"title": "", **fields})
    with transaction.atomic():
        if place is None and Catalogue.objects.filter(place__isnull=True).exists():
            raise _site_catalogue_exists()
        catalogue = Catalogue(place=place, created_by=by, **cleaned)
        try:
            save_with_unique_slug(
                catalogue, catalogue.title, url_namespace=NAMESPACE, fallback="catalogue"
            )
        except IntegrityError:
            if place is None and Catalogue.objects.filter(place__isnull=True).exists():
                raise _site_catalogue_exists() from None
            raise
    return catalogue


def _site_catalogue_exists():
    return DomainError(
        _("The site already has its site-wide catalogue: there is only one."),
        code=Code.SITE_CATALOGUE_EXISTS,
    )


def update_catalogue(catalogue, *, by, fields: dict) -> Catalogue:
    """The catalogue's title, summary and description; its address does not change."""
    check_organiser(catalogue, by)
    cleaned = clean_catalogue_fields(fields)
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(catalogue, name, value)
        catalogue.save()
    return catalogue


def publish_catalogue(catalogue, *, by) -> Catalogue:
    check_organiser(catalogue, by)
    with transaction.atomic():
        locked = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
        catalogue.published_at = locked.published_at
    return catalogue


def unpublish_catalogue(catalogue, *, by) -> Catalogue:
    check_organiser(catalogue, by)
    with transaction.atomic():
        Catalogue.objects.filter(pk=catalogue.pk).update(published_at=None)
        catalogue.published_at = None
    return catalogue


# --- Projects -------------------------------------------------------------------------------


def _free_project_slug(catalogue, title) -> str:
    """A slug no project of `catalogue` has, never a fixed word of the app's addresses."""
    reserved = reserved_words(NAMESPACE)
    base = slugify(title)[:70].strip("-") or "projet"
    if base in reserved:
        base = f"projet-{base}"
    taken = set(catalogue.projects.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _set_names(project, audiences, tags):
    if audiences is not None:
        project.audiences.set(_named(Audience, audiences))
    if tags is not None:
        project.tags.set(_named(Tag, tags))


def create_project(catalogue, *, by, fields: dict, audiences="", tags="", links=()) -> Project:
    """A new project of `catalogue`, not yet public, last of its list, with its audiences (one
    a line), tags (one a line or separated by commas) and links. Nothing is saved when any part
    is refused."""
    check_organiser(catalogue, by)
    cleaned = clean_project_fields({"title": "", "summary": "", **fields})
    audience_names = parse_names(audiences, field="audiences", commas=False)
    tag_names = parse_names(tags, field="tags")
    cleaned_links = clean_links(links)
    with transaction.atomic():
        # one project created at a time per catalogue: its slug and its position are free
        Catalogue.objects.select_for_update().get(pk=catalogue.pk)
        project = Project(
            catalogue=catalogue,
            slug=_free_project_slug(catalogue, cleaned["title"]),
            position=catalogue.projects.count(),
            **cleaned,
        )
        project.save()
        _set_names(project, audience_names, tag_names)
        _replace_links(project, cleaned_links)
    return project


def update_project(project, *, by, fields: dict, audiences=None, tags=None, links=None) -> Project:
    """The project's settings; `audiences`, `tags`, `links` replace the project's when given
    (None: unchanged). Its address does not change with its title."""
    check_organiser(project.catalogue, by)
    cleaned = clean_project_fields(fields)
    audience_names = (
        None if audiences is None else parse_names(audiences, field="audiences", commas=False)
    )
    tag_names = None if tags is None else parse_names(tags, field="tags")
    cleaned_links = None if links is None else clean_links(links)
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(project, name, value)
        project.save()
        _set_names(project, audience_names, tag_names)
        if cleaned_links is not None:
            _replace_links(project, cleaned_links)
    return project


def publish_project(project, *, by) -> Project:
    check_organiser(project.catalogue, by)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
        project.published_at = locked.published_at
    return project


def unpublish_project(project, *, by) -> Project:
    check_organiser(project.catalogue, by)
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(published_at=None)
        project.published_at = None
    return project


def close_enrolment(project, by) -> Project:
    """No one may join the project any more (pairs already formed stay)."""
    check_organiser(project.catalogue, by)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.enrolment_closed_at is None:
            locked.enrolment_closed_at = timezone.now()
            locked.save(update_fields=["enrolment_closed_at"])
        project.enrolment_closed_at = locked.enrolment_closed_at
    return project


def reopen_enrolment(project, by) -> Project:
    check_organiser(project.catalogue, by)
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(enrolment_closed_at=None)
        project.enrolment_closed_at = None
    return project
