"""Rate limits that count exactly, whatever the number of processes and servers.

Two budgets bound the public forms:

- **per destination address** (`ENTRAIDE_MAILS_PER_ADDRESS` mails an hour, 5): one budget for
  each email address a visitor types, shared by every form that mails it (registering for a
  workshop or a series, answering a poll, inviting an organiser). It stops a mail bomb to one
  mailbox sent from many networks, and never depends on whether the address is known.
- **per network** (`ENTRAIDE_POSTS_PER_NETWORK` sendings of one form an hour, 300): keyed by
  the visitor's IPv4 address, or the /64 of an IPv6 address (one home or one office), only
  to stop floods: a class of sixty students behind one campus address gets through.

Each hit is one atomic statement: with `REDIS_URL`, Redis `INCR` (and `EXPIRE`); otherwise
`INSERT … ON CONFLICT … DO UPDATE SET count = count + 1 RETURNING count` on the `RateCount`
table (SQLite ≥ 3.35 and PostgreSQL). Two concurrent hits never read the same count, so a
limit of 30 lets exactly 30 through. Windows are fixed (the hour from :00 for an hourly
limit), so a burst astride two windows may pass twice the limit; `prune_queues` deletes the
windows that are over. What is counted is stored as an HMAC of the secret key: never an
address.
"""

import hashlib
import hmac
import ipaddress
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from entraide.core.models import RateCount

HOUR = 3600
DAY = 24 * HOUR
LONGEST_PERIOD = DAY  # prune_queues keeps windows this long

MAIL_LIMIT_MESSAGE = _(
    "Too many mails have been sent to this address in the last hour: please try again in an "
    "hour, or write another address."
)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


# --- Who is counted ---------------------------------------------------------------------------


def client_ip(request) -> str:
    """The visitor's address: from the header named by CLIENT_IP_HEADER (set by the reverse
    proxy, which overwrites what visitors send; for a list, the last address, which the proxy
    added), else the connection's."""
    header = settings.ENTRAIDE_CLIENT_IP_HEADER
    value = request.headers.get(header, "") if header else ""
    return value.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def network_of(ip: str) -> str:
    """What one network is: an IPv4 address, or the /64 of an IPv6 address (the block a home
    or an office gets, in which a visitor can change address at will); an IPv4 address
    written as IPv6 (::ffff:192.0.2.1) is that IPv4 address."""
    try:
        address = ipaddress.ip_address(ip.strip().strip("[]"))
    except ValueError:
        return "unknown"  # one budget for requests whose address cannot be read
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.version == 4:
        return str(address)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def _key(scope: str, identity: str, period: int) -> str:
    message = f"{scope}\0{identity}\0{period}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


# --- Counting ---------------------------------------------------------------------------------


def hit(scope: str, identity: str, *, limit: int, period: int) -> Verdict:
    """Count one more `scope` for `identity` in the current window of `period` seconds;
    allowed while the count is at most `limit`."""
    if not 0 < period <= LONGEST_PERIOD:
        raise ValueError(f"a rate limit's period is between 1 s and {LONGEST_PERIOD} s")
    now = time.time()
    window_start = int(now // period * period)
    key = _key(scope, identity, period)
    if settings.REDIS_URL:
        count = _increment_in_redis(key, window_start, period)
    else:
        count = _increment_in_database(key, window_start)
    return Verdict(allowed=count <= limit, retry_after=max(1, int(window_start + period - now)))


def _increment_in_database(key: str, window_start: int) -> int:
    quote = connection.ops.quote_name
    table = quote(RateCount._meta.db_table)
    key_column, window_column, count_column = (
        quote(RateCount._meta.get_field(name).column) for name in ("key", "window_start", "count")
    )
    start = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(window_start, UTC))
    # Names from the model, values as parameters.
    upsert = (
        f"INSERT INTO {table} ({key_column}, {window_column}, {count_column}) "  # noqa: S608
        f"VALUES (%s, %s, 1) ON CONFLICT ({key_column}, {window_column}) "
        f"DO UPDATE SET {count_column} = {table}.{count_column} + 1 "
        f"RETURNING {count_column}"
    )
    # Inside a caller's transaction, in a savepoint: a refused write (a read-only database)
    # must not leave that transaction aborted for what follows.
    savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with savepoint, connection.cursor() as cursor:
        cursor.execute(upsert, [key, start])
        # Every row read: on SQLite the statement (and its implicit transaction) ends here.
        return cursor.fetchall()[0][0]


_redis_clients = {}
_redis_clients_lock = threading.Lock()


def _redis():
    """One client per process and URL, made once even when the first requests of several
    threads arrive together: a second client would replace the first in the dict, and the first,
    collected, would close its pool's connections under the thread still using one (a 500)."""
    import redis

    url = settings.REDIS_URL
    with _redis_clients_lock:
        if url not in _redis_clients:
            _redis_clients[url] = redis.Redis.from_url(url)
        return _redis_clients[url]


def _increment_in_redis(key: str, window_start: int, period: int) -> int:
    name = f"entraide:rate:{key}:{window_start}"
    pipeline = _redis().pipeline(transaction=True)
    pipeline.incr(name)
    pipeline.expire(name, period + 60)
    count, _expiry_set = pipeline.execute()
    return count


def prune(now: float | None = None) -> int:
    """Delete the windows that are over (prune_queues); Redis expires its keys itself."""
    now = time.time() if now is None else now
    cutoff = datetime.fromtimestamp(now - LONGEST_PERIOD, UTC)
    deleted, _ = RateCount.objects.filter(window_start__lt=cutoff).delete()
    return deleted


# --- The two budgets of the public forms ------------------------------------------------------


def mail_allowed(email: str) -> Verdict:
    """One more mail to `email` (as typed: case and spaces do not make another address)."""
    return hit(
        "mail-to",
        email.strip().lower(),
        limit=settings.ENTRAIDE_MAILS_PER_ADDRESS,
        period=HOUR,
    )


def refuse_mail(form, field: str = "email"):
    """The message beside the address field when its budget is spent. It says nothing of
    whether the address is registered anywhere: every address has the same budget."""
    form.add_error(field, MAIL_LIMIT_MESSAGE)


def network_allowed(request, form_name: str) -> Verdict:
    """One more sending of the form `form_name` from the visitor's network."""
    return hit(
        f"posts:{form_name}",
        network_of(client_ip(request)),
        limit=settings.ENTRAIDE_POSTS_PER_NETWORK,
        period=HOUR,
    )


def too_many_from_network(request, verdict: Verdict, back_url: str = "/"):
    """The page answered (429) once a network has spent its budget for a form."""
    context = {"retry_minutes": -(-verdict.retry_after // 60), "back_url": back_url}
    response = render(request, "core/too_many_requests.html", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response
