"""The one lock of manifestos: the manifesto's row, taken first by every service that reads
its phase and then writes (an idea, a dot, a section), so that a phase switch, a dot count
and a section's order are each decided one request at a time (SELECT … FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock from BEGIN)."""

from django.db import transaction

from entraide.manifestos.models import Manifesto
from entraide.workshops.services.seats import LockOutsideTransactionError


def lock_manifesto(manifesto_id) -> Manifesto:
    if not transaction.get_connection().in_atomic_block:
        raise LockOutsideTransactionError(
            f"Locking manifesto {manifesto_id} outside a transaction protects nothing."
        )
    return (
        Manifesto.objects.select_for_update(of=("self",))
        .select_related("place")
        .get(pk=manifesto_id)
    )
