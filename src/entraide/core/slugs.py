from django.db import IntegrityError, transaction
from django.utils.text import slugify

ATTEMPTS = 5


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


def save_with_unique_slug(instance, title, *, reserved=frozenset(), fallback="page"):
    """Insert the new `instance` under a free slug made from `title`.

    Two requests creating the same title at once (a double click on "Duplicate") both find the
    same slug free; the database's unique constraint refuses the second insert once the first
    commits. That insert runs in a savepoint, so the caller's transaction goes on, and is tried
    again with the next free slug, a few times."""
    model = type(instance)
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
