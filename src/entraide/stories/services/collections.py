"""The editors' changes to a collection: creating it (its defaults in the creator's language),
its settings and themes, its code, its consent form (versioned), publishing it, and who may
write in it (writers invited by mail, accepting through their link). Every function checks
that `by` runs the collection's place (OTHER_PLACE otherwise) and runs in one transaction."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.places.services import is_organiser
from entraide.stories import notifications
from entraide.stories.errors import StoryErrorCode as Code
from entraide.stories.models import (
    CODE_LENGTH,
    DEFAULT_CONSENT,
    DEFAULT_GUIDE,
    DEFAULT_LENGTH,
    DEFAULT_THEMES,
    THEME_MAX,
    WRITER_PURPOSE,
    Collection,
    ConsentForm,
    Theme,
    Writer,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, no 1/I: read aloud, copied by hand
INVITATIONS_AT_ONCE = 100
SETTINGS = (
    "title",
    "description",
    "interview_guide",
    "length_guidance",
    "code_open",
    "reading_required",
)


def check_editor(collection_or_place, by):
    place = getattr(collection_or_place, "place", collection_or_place)
    if not is_organiser(by, place):
        raise DomainError(_("Only the team of this place may do this."), code=Code.OTHER_PLACE)


def new_code() -> str:
    """A code no collection has, of CODE_LENGTH unambiguous characters."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Collection.objects.filter(code=code).exists():
            return code


def create_collection(place, *, by, fields: dict, themes=None) -> Collection:
    """A new collection of `place`, not yet public, with the seed's guide, length guidance,
    themes and consent form (version 1) where `fields` and `themes` give none, written in the
    creator's language."""
    check_editor(place, by)
    with transaction.atomic(), translation.override(getattr(by, "language", None) or "fr"):
        collection = Collection(place=place, code=new_code())
        for name in SETTINGS:
            if name in fields:
                setattr(collection, name, fields[name])
        collection.interview_guide = collection.interview_guide or str(DEFAULT_GUIDE)
        if "length_guidance" not in fields:
            collection.length_guidance = str(DEFAULT_LENGTH)
        save_with_unique_slug(
            collection, collection.title, url_namespace="stories", fallback="recueil"
        )
        names = [str(name) for name in DEFAULT_THEMES] if themes is None else themes
        for name in names:
            if name.strip():
                _add_theme(collection, name.strip())
        ConsentForm.objects.create(collection=collection, version=1, text=str(DEFAULT_CONSENT))
    return collection


def update_collection(collection, *, by, fields: dict) -> Collection:
    check_editor(collection, by)
    with transaction.atomic():
        changed = [name for name in SETTINGS if name in fields]
        for name in changed:
            setattr(collection, name, fields[name])
        if not collection.interview_guide.strip():
            raise DomainError(
                _("Write the interview guide: the writers prepare their interview with it."),
                code=Code.EMPTY,
                field="interview_guide",
            )
        collection.save()
    return collection


def regenerate_code(collection, *, by) -> str:
    """A new code: the old one no longer lets anyone join (writers already in stay)."""
    check_editor(collection, by)
    with transaction.atomic():
        collection.code = new_code()
        collection.save(update_fields=["code"])
    return collection.code


def publish_collection(collection, *, by) -> Collection:
    check_editor(collection, by)
    with transaction.atomic():
        locked = Collection.objects.select_for_update().get(pk=collection.pk)
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
        collection.published_at = locked.published_at
    return collection


def unpublish_collection(collection, *, by) -> Collection:
    check_editor(collection, by)
    with transaction.atomic():
        Collection.objects.filter(pk=collection.pk).update(published_at=None)
        collection.published_at = None
    return collection


# Themes


def _theme_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the theme a name."), code=Code.EMPTY, field="name")
    if len(name) > THEME_MAX:
        raise DomainError(
            _("A theme's name has at most %(max)s characters.") % {"max": THEME_MAX},
            code=Code.TOO_LONG,
            field="name",
        )
    return name


def _free_theme_slug(collection, name, *, exclude=None) -> str:
    base = slugify(name)[: THEME_MAX - 4].strip("-") or "theme"
    taken = set(collection.themes.exclude(pk=exclude).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_name_free(collection, name, *, exclude=None):
    if collection.themes.exclude(pk=exclude).filter(name__iexact=name).exists():
        raise DomainError(
            _("The collection already has the theme “%(name)s”.") % {"name": name},
            code=Code.THEME_TAKEN,
            field="name",
        )


def _add_theme(collection, name) -> Theme:
    _check_name_free(collection, name)
    position = collection.themes.count()
    return Theme.objects.create(
        collection=collection,
        name=name,
        slug=_free_theme_slug(collection, name),
        position=position,
    )


def add_theme(collection, *, by, name) -> Theme:
    check_editor(collection, by)
    name = _theme_name(name)
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=collection.pk)
        return _add_theme(collection, name)


def rename_theme(theme, *, by, name) -> Theme:
    """The theme's new name (its stories keep it); its address follows the name."""
    check_editor(theme.collection, by)
    name = _theme_name(name)
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=theme.collection_id)
        _check_name_free(theme.collection, name, exclude=theme.pk)
        theme.name = name
        theme.slug = _free_theme_slug(theme.collection, name, exclude=theme.pk)
        theme.save(update_fields=["name", "slug"])
    return theme


def remove_theme(theme, *, by) -> int:
    """Remove the theme; return how many stories lost it (they stay, without it)."""
    check_editor(theme.collection, by)
    with transaction.atomic():
        stories = theme.stories.count()
        theme.delete()
    return stories


# The consent form


def new_consent_form(collection, *, text, by) -> ConsentForm:
    """A new version of the consent form when `text` differs from the current one (else the
    current one). Consents already given keep the version they agreed to; the next requests
    use the new one."""
    check_editor(collection, by)
    text = (text or "").strip()
    if not text:
        raise DomainError(
            _("Write the consent form: the person interviewed agrees to it."),
            code=Code.EMPTY,
            field="text",
        )
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=collection.pk)
        current = collection.current_consent_form()
        if current is not None and current.text.strip() == text:
            return current
        return ConsentForm.objects.create(
            collection=collection, version=(current.version if current else 0) + 1, text=text
        )


def consent_form_versions(collection):
    """Every version of the form, newest first, each with `consents_count`."""
    return collection.consent_forms.annotate(consents_count=Count("consents")).order_by("-version")


# Writers


def parse_addresses(text: str) -> tuple[list[str], list[str]]:
    """(valid addresses, bad lines) from one address a line (commas and semicolons too),
    duplicates dropped."""
    good, bad, seen = [], [], set()
    for line in (text or "").replace(",", "\n").replace(";", "\n").splitlines():
        address = line.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address[:100])
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            good.append(address)
    return good, bad


def invite_writers(collection, *, by, addresses: str, language="fr") -> list[Writer]:
    """Invite each address (one a line, at most INVITATIONS_AT_ONCE) to write in the
    collection; addresses already invited or already writers are skipped. Nothing is sent when
    one address is wrong: the refusal lists them."""
    check_editor(collection, by)
    good, bad = parse_addresses(addresses)
    if bad:
        raise DomainError(
            _("These addresses are not valid: %(list)s. Correct or remove them.")
            % {"list": ", ".join(bad)},
            code=Code.BAD_ADDRESS,
            field="addresses",
        )
    if not good:
        raise DomainError(_("Give at least one address."), code=Code.EMPTY, field="addresses")
    if len(good) > INVITATIONS_AT_ONCE:
        raise DomainError(
            _("At most %(max)s addresses at once: you gave %(count)s.")
            % {"max": INVITATIONS_AT_ONCE, "count": len(good)},
            code=Code.TOO_MANY_ADDRESSES,
            field="addresses",
        )
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=collection.pk)
        known = {e.lower() for e in collection.writers.values_list("email", flat=True)}
        known |= {
            e.lower()
            for e in collection.writers.filter(user__isnull=False).values_list(
                "user__email", flat=True
            )
        }
        invited = []
        for address in good:
            if address.lower() in known:
                continue
            key, digest = new_keyed_link(WRITER_PURPOSE)
            writer = Writer.objects.create(
                collection=collection,
                email=address,
                language=language,
                link_key=key,
                token_digest=digest,
                invited_at=timezone.now(),
            )
            notifications.writer_invited(writer, by=by)
            invited.append(writer)
    return invited


def find_writer_invitation(token) -> Writer | None:
    if not token or len(token) > 128:
        return None
    return (
        Writer.objects.select_related("collection__place", "user")
        .filter(token_digest=token_digest(token))
        .first()
    )


def accept_writer_invitation(token, *, user) -> Writer:
    """`user` becomes a writer of the collection through the invitation `token`. A used link
    (by someone else) is refused with INVITATION_USED; by the same person it is a no-op."""
    with transaction.atomic():
        writer = (
            Writer.objects.select_for_update()
            .select_related("collection")
            .filter(token_digest=token_digest(token))
            .first()
        )
        if writer is None:
            raise DomainError(_("This invitation does not exist."), code=Code.NOT_A_WRITER)
        if writer.user_id is not None:
            if writer.user_id == user.pk:
                return writer
            raise DomainError(
                _("This invitation has already been used."), code=Code.INVITATION_USED
            )
        already = writer.collection.writers.filter(user=user).first()
        if already is not None:  # joined with the code before: the invitation is spent
            writer.delete()
            return already
        writer.user = user
        writer.joined_at = timezone.now()
        try:
            with transaction.atomic():
                writer.save(update_fields=["user", "joined_at"])
        except IntegrityError:
            raise DomainError(
                _("This invitation has already been used."), code=Code.INVITATION_USED
            ) from None
    return writer


def remove_writer(writer, *, by) -> None:
    """The writer may no longer start a story here; the stories they wrote stay."""
    check_editor(writer.collection, by)
    with transaction.atomic():
        writer.delete()
