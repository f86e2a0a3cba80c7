"""Running actions really at once, for races on the database: each action in its own thread
with its own database connection (use `@pytest.mark.django_db(transaction=True)`)."""

import threading

from django.db import connection, connections

SLUG_MODULES = ("entraide.core.slugs",)


def skip_on_sqlite(pytest):
    # On SQLite every transaction is IMMEDIATE: the first writer holds the database's write
    # lock from BEGIN to COMMIT, so a second one cannot even compute a slug meanwhile (and would
    # wait for the lock while the first waits at the barrier). The race is PostgreSQL's.
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: this race cannot happen there")


def computing_slugs_together(monkeypatch, parties: int, modules=SLUG_MODULES):
    """Make the first free slug each thread computes wait until `parties` threads have computed
    theirs: they all then insert the same one. Later computations (retries) do not wait."""
    import importlib

    from entraide.core import slugs

    barrier = threading.Barrier(parties, timeout=10)
    computed = threading.local()
    real = slugs.unique_slug

    def unique_slug_at_the_same_time(*args, **kwargs):
        slug = real(*args, **kwargs)
        if not getattr(computed, "once", False):
            computed.once = True
            barrier.wait()
        return slug

    for name in modules:
        module = importlib.import_module(name)
        if hasattr(module, "unique_slug"):
            monkeypatch.setattr(module, "unique_slug", unique_slug_at_the_same_time)


def at_once(*actions) -> list:
    """Run each action in its own thread; return their results (or the exception raised)."""
    results = [None] * len(actions)

    def run(index, action):
        try:
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
