"""Objects whose address (slug) reads like a word of their app's URLs ("proposer", "gerer",
"lieu"): their pages must still be theirs, and the app's fixed pages still the app's.

Found from the URL patterns, never from a list written by hand, so that a route added later is
checked too."""

import re

from django.urls import get_resolver, resolve, reverse
from django.urls.resolvers import URLResolver

# What a slug can be: a fixed segment of any other shape ("flux.atom") is never one.
WORD = re.compile(r"[-a-zA-Z0-9_]+\Z")
CAPTURE = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLES = {"int": 1, "str": "jeton", "slug": "exemple", "path": "exemple"}


def routes(namespace) -> list[tuple[str, str]]:
    """(URL name, route) for every route of `namespace`, the route without the app's prefix."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            else:
                yield entry.name, route

    return list(walk(resolver.url_patterns, ""))


def fixed_words(namespace) -> list[str]:
    """Every fixed segment of every route of `namespace`, at any depth, that a slug could be."""
    return sorted(
        {
            segment
            for _name, route in routes(namespace)
            for segment in route.split("/")
            if WORD.match(segment)
        }
    )


def assert_addresses_lead_to(obj, namespace, of=lambda name: True):
    """Every route of `namespace` that takes the `slug` of an object like `obj` (those whose
    name passes `of`), given `obj`'s, is that route with that slug: no earlier route takes the
    URL. Every fixed route is still itself."""
    for name, route in routes(namespace):
        captures = CAPTURE.findall(route)
        if not captures:
            assert resolve(reverse(f"{namespace}:{name}")).url_name == name
        elif ("slug", "slug") in captures and of(name):
            kwargs = {arg: obj.slug if arg == "slug" else SAMPLES[kind] for kind, arg in captures}
            url = reverse(f"{namespace}:{name}", kwargs=kwargs)
            match = resolve(url)
            assert (match.url_name, match.kwargs.get("slug")) == (name, obj.slug), url
