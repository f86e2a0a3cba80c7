"""A walk of the site through Django's test client: every page reachable by links from the home
page, as a visitor, a participant and an organiser of the demo data, each link followed once.
Faster than the browser walk (tests/browser/test_walk.py), it checks what a removed capability
must not leave behind: a page that fails (404, 500) and a link to an address of the removed app.

    DJANGO_SETTINGS_MODULE=tests.settings_without ENTRAIDE_WITHOUT=polls SECRET_KEY=… \\
        ENTRAIDE_DATA_DIR=/tmp/empty python -m tests.walk

sets up a fresh database the way script/server does (cache table, migrations, demo data), walks
it and prints a JSON report: the pages walked per role, the failures, the links to removed
addresses."""

import io
import json
import os
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

PERSONAS = [
    ("visitor", None),
    ("participant", "lea@entraide.example"),
    ("organiser", "camille@entraide.example"),
]
NOT_PAGES = ("/admin/", "/static/", "/media/")
MAX_PAGES = 600  # per role: a bound, far above what the demo data has


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_of(html):
    parser = _Links()
    parser.feed(html)
    return parser.links


def _internal(base, href):
    """The address `href` leads to on this site ("?next=…" dropped: it only says where to come
    back), or None for another site, a mail address, an anchor of the page."""
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(NOT_PAGES):
        return None
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("next="))
    return parts.path + (f"?{query}" if query else "")


def walk(client, forbidden=()):
    """{"pages": n, "failures": {address: status}, "forbidden": {address: [page linking it]}}:
    `forbidden` are address prefixes ("/sondages/") no page may link to (such links are
    followed too, and fail if nothing answers there)."""
    queue, seen = ["/"], set()
    failures, forbidden_links = {}, {}
    while queue and len(seen) < MAX_PAGES:
        address = queue.pop(0)
        if address in seen:
            continue
        seen.add(address)
        try:
            response = client.get(address)
        except Exception as error:  # a page that raises is reported, as a 500
            failures[address] = f"500 {type(error).__name__}: {error}"
            continue
        if response.status_code in (301, 302):
            target = _internal(address, response["Location"])
            if target and target not in seen:
                queue.append(target)
            continue
        if response.status_code != 200:
            failures[address] = response.status_code
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue  # a calendar, a spreadsheet: no links in it
        for href in links_of(response.content.decode()):
            target = _internal(address, href)
            if target is None:
                continue
            if target.startswith(tuple(forbidden)):
                forbidden_links.setdefault(target, []).append(address)
            if target not in seen:
                queue.append(target)
    return {"pages": len(seen), "failures": failures, "forbidden": forbidden_links}


def walk_as_everyone(forbidden=()):
    """The walk as each persona of the demo data: {role: walk report}."""
    from django.test import Client

    from entraide.accounts.models import User

    reports = {}
    for role, email in PERSONAS:
        client = Client(raise_request_exception=True)
        if email:
            client.force_login(User.objects.get(email=email))
        reports[role] = walk(client, forbidden)
    return reports


def removed_prefixes():
    """The address prefixes of the capabilities not in INSTALLED_APPS."""
    from django.apps import apps

    from entraide.urls import APP_URLS

    return [
        f"/{prefix}"
        for label, (prefix, _module) in APP_URLS.items()
        if not apps.is_installed(f"entraide.{label}")
    ]


def main():
    import django
    from django.core.management import call_command

    started = time.monotonic()
    django.setup()
    from django.conf import settings

    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", verbosity=0, stdout=io.StringIO())  # its logins stay out of the report
    forbidden = removed_prefixes()
    reports = walk_as_everyone(forbidden)
    json.dump(
        {
            "installed": [app for app in settings.INSTALLED_APPS if app.startswith("entraide.")],
            "forbidden": forbidden,
            "reports": reports,
            "seconds": round(time.monotonic() - started, 1),
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings_without")
    sys.exit(main())
