from django.utils.text import slugify


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
