"""Signing a published version of a manifesto, with or without an account; confirming and
withdrawing through the private link mailed to the address; the public list of signatories.

Only the latest version takes new signatures (older ones keep theirs). Without an account, a
signature waits for its address to be confirmed, ENTRAIDE_CONFIRMATION_HOURS at most. Whatever
the address has already done, the page answers the same ("check your mailbox"): only the
mailbox learns whether it had signed already."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entraide.accounts.services import has_verified_email
from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.manifestos import notifications
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    NAME_MAX,
    ORGANISATION_MAX,
    SIGNATURE_COMMENT_MAX,
    SIGNATURE_LINK_PURPOSE,
    Signature,
    Version,
)
from entraide.manifestos.services.locks import lock_manifesto
from entraide.places.models import Place, PlaceStatus

log = logging.getLogger(__name__)


@dataclass
class Signed:
    """What a signing did. `confirmed`: signed at once (a signed-in person’s verified address);
    else a mail went to the address, whatever it held before."""

    signature: Signature
    confirmed: bool


def latest_version(manifesto) -> Version | None:
    return manifesto.versions.order_by("-number").first()


def _too_long(field, limit):
    return DomainError(
        _("At most %(count)s characters.") % {"count": limit},
        code=ManifestoErrorCode.TEXT_TOO_LONG,
        field=field,
    )


def _clean(name, organisation, comment, place_id):
    name, organisation, comment = name.strip(), organisation.strip(), comment.strip()
    if not name:
        raise DomainError(
            _("Write the name to sign with."), code=ManifestoErrorCode.NAME_REQUIRED, field="name"
        )
    for field, value, limit in (
        ("name", name, NAME_MAX),
        ("organisation", organisation, ORGANISATION_MAX),
        ("comment", comment, SIGNATURE_COMMENT_MAX),
    ):
        if len(value) > limit:
            raise _too_long(field, limit)
    place = None
    if place_id:
        place = Place.objects.filter(pk=place_id, status=PlaceStatus.PUBLISHED).first()
        if place is None:
            raise DomainError(
                _("This place is not in the directory."),
                code=ManifestoErrorCode.UNKNOWN_PLACE,
                field="place",
            )
    return {"name": name, "organisation": organisation, "comment": comment, "place": place}


def _check_open(version, manifesto_id):
    latest = (
        Version.objects.filter(manifesto_id=manifesto_id)
        .select_related("manifesto__place")
        .order_by("-number")
        .first()
    )
    if latest is None:
        raise DomainError(
            _("No version of this manifesto is published yet: there is nothing to sign."),
            code=ManifestoErrorCode.NO_VERSION,
        )
    if version is None or latest.pk != version.pk:
        raise DomainError(
            _(
                "A newer version (%(label)s) has been published since: read it, then sign it. "
                "Older versions keep their signatures but take no new ones."
            )
            % {"label": latest.label},
            code=ManifestoErrorCode.VERSION_CLOSED,
        )
    return latest


def sign(version, *, name, email="", organisation="", place_id=None, comment="", by=None):
    """Sign `version`, which must be its manifesto's latest. Signed in with a verified address
    (`by`): confirmed at once. Otherwise an unconfirmed signature and a mail with the link to
    confirm it; an address that had signed gets its link again instead (nothing else
    changes), one that had not confirmed yet gets the new details and a fresh delay."""
    fields = _clean(name, organisation, comment, place_id)
    if by is not None and has_verified_email(by, by.email):
        email, proven = by.email, True
    else:
        proven = False
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter a valid email address."), code=ManifestoErrorCode.INVALID_EMAIL, field="email"
        ) from None
    language = getattr(by, "language", "") or get_language() or settings.LANGUAGE_CODE
    now = timezone.now()
    with transaction.atomic():
        lock_manifesto(version.manifesto_id)  # one signing of this manifesto at a time
        version = _check_open(version, version.manifesto_id)
        existing = (
            Signature.objects.select_for_update()
            .filter(version=version, email__iexact=email)
            .first()
        )
        if existing is None:
            key, digest = new_keyed_link(SIGNATURE_LINK_PURPOSE)
            signature = Signature(
                version=version, email=email, link_key=key, token_digest=digest,
                language=language, user=by if proven else None,
                confirmed_at=now if proven else None, **fields,
            )  # fmt: skip
            try:
                with transaction.atomic():
                    signature.save()
            except IntegrityError:  # the same address at the same moment: the lock was not
                # enough (a database that does not lock rows); the first one stands
                signature = Signature.objects.get(version=version, email__iexact=email)
                existing = signature
        else:
            signature = existing
        signature.version = version
        if existing is not None and proven:
            _take_over(signature, by=by, fields=fields, now=now)
        elif existing is not None and not existing.is_confirmed:
            _renew_request(signature, fields=fields, language=language, now=now)
        if proven:
            notifications.signed(signature)
        elif signature.is_confirmed:
            notifications.already_signed(signature)
        else:
            notifications.confirm_signature(signature, hours=settings.ENTRAIDE_CONFIRMATION_HOURS)
    log.info("manifesto %s: signature %s (%s)", version.manifesto_id, signature.pk, version)
    return Signed(signature, confirmed=proven)


def _take_over(signature, *, by, fields, now):
    """The owner of a verified address signs where a signature under it exists: hers now,
    confirmed; an unconfirmed one takes the details she just gave."""
    update = {"user": by}
    if not signature.is_confirmed:
        update |= {**fields, "confirmed_at": now}
    for name, value in update.items():
        setattr(signature, name, value)
    signature.save(update_fields=[*update])


def _renew_request(signature, *, fields, language, now):
    """Asked again before being confirmed: the latest details, and a fresh delay (whoever
    confirms from the mailbox confirms what the link shows)."""
    for name, value in fields.items():
        setattr(signature, name, value)
    signature.language = language
    signature.save(update_fields=[*fields, "language"])
    Signature.objects.filter(pk=signature.pk).update(created_at=now)
    signature.created_at = now


def find_signature(raw_token: str) -> Signature | None:
    """The signature a private link manages (None for an unknown or tampered link)."""
    if not raw_token or len(raw_token) > 128:
        return None
    return (
        Signature.objects.filter(token_digest=token_digest(raw_token))
        .select_related("version__manifesto", "place")
        .first()
    )


def confirmation_expired(signature, now=None) -> bool:
    now = now or timezone.now()
    limit = timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS)
    return not signature.is_confirmed and signature.created_at < now - limit


def confirm(signature) -> Signature:
    """Confirm the address of a signature found through its link: it joins the public list.
    Confirming twice changes nothing; an expired request must be made again."""
    with transaction.atomic():
        locked = Signature.objects.select_for_update().filter(pk=signature.pk).first()
        if locked is None:
            raise DomainError(
                _("This signature has been withdrawn."),
                code=ManifestoErrorCode.SIGNATURE_NOT_FOUND,
            )
        if locked.is_confirmed:
            return locked
        if confirmation_expired(locked):
            raise DomainError(
                _("This confirmation link has expired. Please sign again."),
                code=ManifestoErrorCode.CONFIRMATION_EXPIRED,
            )
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
    log.info("signature %s confirmed", locked.pk)
    return locked


def withdraw(signature) -> None:
    """The signer takes her signature back: it is deleted, with her name and address."""
    deleted, _rows = Signature.objects.filter(pk=signature.pk).delete()
    log.info("signature %s withdrawn (%s)", signature.pk, deleted)


def confirmed_signatures(version):
    """The public list, in signing order, ready for a paginator (one query per page)."""
    return (
        Signature.objects.filter(version=version, confirmed_at__isnull=False)
        .select_related("place")
        .only("name", "organisation", "comment", "confirmed_at", "place__name", "place__slug")
        .order_by("confirmed_at", "pk")
    )


def signatories_by_organisation(version):
    """How many signed for each organisation: a place of the directory, or the organisation
    written (the same name whatever its case), most signatures first; those who gave neither
    are left out."""
    organisation = Coalesce(F("place__name"), NullIf(F("organisation"), Value("")))
    return (
        Signature.objects.filter(version=version, confirmed_at__isnull=False)
        .annotate(label=organisation, folded=Lower(organisation))
        .exclude(label=None)
        .values("folded")
        .annotate(count=Count("pk"), name=Min("label"))
        .order_by("-count", "folded")
    )


def confirmed_count(version) -> int:
    return Signature.objects.filter(version=version, confirmed_at__isnull=False).count()
