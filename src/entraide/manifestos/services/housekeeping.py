"""What the periodic command removes: amendments and signatures whose address was never
confirmed, ENTRAIDE_CONFIRMATION_HOURS after they were made. Nobody ever saw them; keeping
them would keep an address nobody confirmed."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from entraide.manifestos.models import Amendment, Signature

log = logging.getLogger(__name__)


def drop_unconfirmed(now=None) -> tuple[int, int]:
    """Delete the unconfirmed amendments and signatures past their confirmation time; return
    how many of each."""
    limit = (now or timezone.now()) - timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS)
    _, amendments = Amendment.objects.filter(
        confirmed_at__isnull=True, created_at__lt=limit
    ).delete()
    _, signatures = Signature.objects.filter(
        confirmed_at__isnull=True, created_at__lt=limit
    ).delete()
    amendments = amendments.get("manifestos.Amendment", 0)
    signatures = signatures.get("manifestos.Signature", 0)
    log.info("unconfirmed manifesto requests dropped: %s amendments, %s signatures",
             amendments, signatures)  # fmt: skip
    return amendments, signatures
