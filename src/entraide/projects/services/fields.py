"""The checks of what organisers type for a catalogue and its projects: texts within the
models' limits (titles on one line: they go into mail subjects), numbers within bounds, the
audiences and tags typed as text, and the links (http or https only). Each refusal is a
DomainError beside its field; services/catalogues.py calls them before saving anything."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.forms import LINE_BREAK
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import (
    DESCRIPTION_MAX,
    LINK_DESCRIPTION_MAX,
    LINK_TITLE_MAX,
    LINKS_MAX,
    NAME_MAX,
    SUMMARY_MAX,
    TAGS_MAX,
    TITLE_MAX,
    URL_MAX,
    OutputKind,
    ProjectLink,
    web_url,
)

# Bounds of the numbers a project is prefilled with (the models only ask for at least 1).
NUMBER_MAX = {
    "max_pairs": 1000,
    "workshop_minutes": 24 * 60,
    "workshop_capacity": 1000,
    "workshop_sessions": 100,
}
SLUG_MAX = 80
SLUG_WORD = re.compile(r"[-a-z0-9_]+\Z")


# --- Checking texts -------------------------------------------------------------------------


def _text(fields, name, *, maximum, required=False, empty_message=None, single_line=False) -> str:
    value = fields.get(name)
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise DomainError(
            empty_message or _("This field is required."), code=Code.EMPTY, field=name
        )
    if single_line and LINE_BREAK.search(value):  # a title ends up in mails' subjects
        raise DomainError(
            _("Write it on one line: line breaks are not accepted here."),
            code=Code.LINE_BREAK,
            field=name,
        )
    if len(value) > maximum:
        raise DomainError(
            _("At most %(max)s characters: this one has %(count)s.")
            % {"max": maximum, "count": len(value)},
            code=Code.TOO_LONG,
            field=name,
        )
    return value


def _number(fields, name, *, optional=False):
    value = fields.get(name)
    if value in (None, ""):
        if optional:
            return None
        raise DomainError(_("Give a number."), code=Code.EMPTY, field=name)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Give a whole number."), code=Code.BAD_NUMBER, field=name) from None
    if not 1 <= value <= NUMBER_MAX[name]:
        raise DomainError(
            _("Give a number from 1 to %(max)s.") % {"max": NUMBER_MAX[name]},
            code=Code.BAD_NUMBER,
            field=name,
        )
    return value


def _described(fields, *, title_empty, summary_empty=None) -> dict:
    """The title, summary and description that a catalogue and a project both have; the
    summary is required when `summary_empty` says what to write in it."""
    cleaned = {}
    if "title" in fields:
        cleaned["title"] = _text(
            fields,
            "title",
            maximum=TITLE_MAX,
            required=True,
            empty_message=title_empty,
            single_line=True,
        )
    if "summary" in fields:
        cleaned["summary"] = _text(
            fields,
            "summary",
            maximum=SUMMARY_MAX,
            required=summary_empty is not None,
            empty_message=summary_empty,
        )
    if "description" in fields:
        cleaned["description"] = _text(fields, "description", maximum=DESCRIPTION_MAX)
    return cleaned


def clean_catalogue_fields(fields: dict) -> dict:
    return _described(fields, title_empty=_("Give the catalogue a title."))


def clean_project_fields(fields: dict) -> dict:
    """The project's settings in `fields`, checked against every limit of the model."""
    cleaned = _described(
        fields,
        title_empty=_("Give the project a title."),
        summary_empty=_("Say in a sentence or two what the project is."),
    )
    if "duration" in fields:
        cleaned["duration"] = _text(fields, "duration", maximum=TITLE_MAX)
    if "output_kind" in fields:
        kind = fields["output_kind"] or OutputKind.OTHER
        if kind not in OutputKind.values:
            raise DomainError(
                _("Choose what the project leads to from the list."),
                code=Code.BAD_CHOICE,
                field="output_kind",
            )
        cleaned["output_kind"] = kind
    if "in_pairs" in fields:
        cleaned["in_pairs"] = bool(fields["in_pairs"])
    if "max_pairs" in fields:
        cleaned["max_pairs"] = _number(fields, "max_pairs", optional=True)
    if "collection_slug" in fields:
        slug = _text(fields, "collection_slug", maximum=SLUG_MAX).lower()
        if slug and not SLUG_WORD.match(slug):
            raise DomainError(
                _("Give the collection's address on the site: letters, digits and hyphens."),
                code=Code.BAD_CHOICE,
                field="collection_slug",
            )
        cleaned["collection_slug"] = slug
    for name in ("workshop_minutes", "workshop_capacity", "workshop_sessions"):
        if name in fields:
            cleaned[name] = _number(fields, name)
    return cleaned


# --- Audiences and tags ---------------------------------------------------------------------


def parse_names(text, *, field, commas=True) -> list[str]:
    """The names in `text`, one a line (and, with `commas`, separated by commas), duplicates
    (whatever their case) dropped; each at most NAME_MAX characters, at most TAGS_MAX."""
    if isinstance(text, list | tuple):
        parts = [str(name) for name in text]
    else:
        parts = (text or "").splitlines()
        if commas:
            parts = [piece for line in parts for piece in line.split(",")]
    names, seen = [], set()
    for part in parts:
        name = " ".join(part.split())
        if not name or name.casefold() in seen:
            continue
        if len(name) > NAME_MAX:
            raise DomainError(
                _("A name has at most %(max)s characters: “%(start)s…” has %(count)s.")
                % {"max": NAME_MAX, "start": name[:30], "count": len(name)},
                code=Code.TOO_LONG,
                field=field,
            )
        seen.add(name.casefold())
        names.append(name)
    if len(names) > TAGS_MAX:
        raise DomainError(
            _("At most %(max)s: you gave %(count)s.") % {"max": TAGS_MAX, "count": len(names)},
            code=Code.TOO_MANY,
            field=field,
        )
    return names


def _named(model, names):
    """The rows of `model` (Audience or Tag) with these names, made when missing; an existing
    name is found whatever its case."""
    rows = []
    for name in names:
        row = model.objects.filter(name__iexact=name).first()
        if row is None:
            base = slugify(name)[:70].strip("-") or "x"
            slug, n = base, 1
            while model.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            try:
                with transaction.atomic():
                    row = model.objects.create(name=name, slug=slug)
            except IntegrityError:  # made at the same moment by someone else
                row = model.objects.filter(name__iexact=name).first()
                if row is None:
                    raise
        rows.append(row)
    return rows


# --- Links ----------------------------------------------------------------------------------


def clean_links(links) -> list[dict]:
    """Each link: a title, an http(s) address, an optional description, a kind (example or
    useful link); empty rows skipped; at most LINKS_MAX. A refusal names the row's field
    ("links-<row>-url") so that the page shows it beside it."""
    cleaned = []
    for index, link in enumerate(links or []):
        title = " ".join(str(link.get("title") or "").split())
        url = str(link.get("url") or "").strip()
        description = str(link.get("description") or "").strip()
        kind = link.get("kind") or ProjectLink.Kind.EXAMPLE
        if not (title or url or description):
            continue
        prefix = f"links-{index}-"
        if not title:
            raise DomainError(_("Give the link a title."), code=Code.EMPTY, field=prefix + "title")
        if len(title) > LINK_TITLE_MAX:
            raise DomainError(
                _("At most %(max)s characters: this one has %(count)s.")
                % {"max": LINK_TITLE_MAX, "count": len(title)},
                code=Code.TOO_LONG,
                field=prefix + "title",
            )
        if not url:
            raise DomainError(_("Give the link's address."), code=Code.EMPTY, field=prefix + "url")
        if len(url) > URL_MAX:
            raise DomainError(
                _("At most %(max)s characters: this one has %(count)s.")
                % {"max": URL_MAX, "count": len(url)},
                code=Code.TOO_LONG,
                field=prefix + "url",
            )
        try:
            web_url(url)
        except ValidationError:
            raise DomainError(
                _("Give a web address starting with https:// or http://."),
                code=Code.BAD_LINK,
                field=prefix + "url",
            ) from None
        if len(description) > LINK_DESCRIPTION_MAX:
            raise DomainError(
                _("At most %(max)s characters: this one has %(count)s.")
                % {"max": LINK_DESCRIPTION_MAX, "count": len(description)},
                code=Code.TOO_LONG,
                field=prefix + "description",
            )
        if kind not in ProjectLink.Kind.values:
            raise DomainError(
                _("Choose an example or a useful link."),
                code=Code.BAD_CHOICE,
                field=prefix + "kind",
            )
        cleaned.append({"title": title, "url": url, "description": description, "kind": kind})
    if len(cleaned) > LINKS_MAX:
        raise DomainError(
            _("At most %(max)s links: you gave %(count)s.")
            % {"max": LINKS_MAX, "count": len(cleaned)},
            code=Code.TOO_MANY,
            field="links",
        )
    return cleaned
