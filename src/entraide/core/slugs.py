import re

from django.db import IntegrityError, transaction
from django.urls import get_resolver
from django.urls.resolvers import RoutePattern, URLResolver
from django.utils.text import slugify

ATTEMPTS = 5

SLUG_CAPTURE = re.compile(r"<slug:\w+>\Z")
WORD = re.compile(r"[-a-zA-Z0-9_]+\Z")  # what the slug converter matches


def _routes(patterns, prefix=""):
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # a regular expression is not cut into words
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        else:
            yield route


def reserved_words(namespace: str) -> frozenset[str]:
    """The words no slug of the app whose URLs are under `namespace` may be: every fixed segment
    at the place of a slug in another route after the same segments. For the places,
    "proposer/" beside "<slug:slug>/"; for the workshops, also "lieu" and "cycle", from
    "gerer/lieu/…" and "gerer/cycle/…" beside "gerer/<slug:slug>/…".

    Read from the URL patterns each time an object is created: a route added to the app
    reserves its words from then on, without a list to keep up to date."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    routes = [route.strip("/").split("/") for route in _routes(resolver.url_patterns)]
    return frozenset(
        other[depth]
        for route in routes
        for depth, segment in enumerate(route)
        if SLUG_CAPTURE.match(segment)
        for other in routes
        if len(other) > depth and other[:depth] == route[:depth] and WORD.match(other[depth])
    )


def unique_slug(model, title, *, reserved=frozenset(), fallback="page"):
    """A free `slug` for a new `model` row, from its title: "titre", "titre-2"…; words the
    app's URLs use (`reserved`) are never taken as they are."""
    base = slugify(title)[:70].strip("-") or fallback
    if base in reserved:
        base = f"{fallback}-{base}"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def save_with_unique_slug(instance, title, *, url_namespace: str, fallback="page"):
    """Insert the new `instance` under a free slug made from `title`, never one of the words of
    the URLs under `url_namespace` (reserved_words).

    Two requests creating the same title at once (a double click on "Duplicate") both find the
    same slug free; the database's unique constraint refuses the second insert once the first
    commits. That insert runs in a savepoint, so the caller's transaction goes on, and is tried
    again with the next free slug, a few times."""
    model = type(instance)
    reserved = reserved_words(url_namespace)
    attempts = 0
    while True:
        attempts += 1
        instance.slug = unique_slug(model, title, reserved=reserved, fallback=fallback)
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
        except IntegrityError:
            taken = model.objects.filter(slug=instance.slug).exists()
            if not taken or attempts == ATTEMPTS:
                raise  # another constraint broke, or a storm of identical titles
            instance.pk = None
        else:
            return instance
