"""Pages of long lists that cost about the same on page 250 as on page 2.

Django's Paginator takes page N with `OFFSET (N-1) × size`: the database reads every full row
before the page (joins included) to throw them away. `IndexPaginator` takes a page after the
first in two steps: the ids at that offset, in the list's order, which the database reads from
the list's index without touching the rows; then those rows alone, by their primary key. The
pager and the addresses (`?page=250`) are Django's.
"""

from django.core.paginator import Paginator
from django.db.models.sql.where import WhereNode
from django.utils.functional import cached_property


class IndexPaginator(Paginator):
    """A Paginator of a queryset ordered by an index; see the module's docstring. Pages after
    the first cost one query more (the ids). `count`, when given, is a function that gives the
    number of items instead of counting them; `ids`, a function `ids(number, find)` that gives
    the ids of page `number` instead of `find()` (values kept, see core.page_cache.Kept).

    Pages after the first drop the list's conditions but keep its joins: filter through a
    multi-valued relation (a many-to-many, a reverse foreign key) with a subquery
    (`pk__in=Theme.stories.through.objects.filter(…).values("story")`), never with a join
    (`themes__slug=…`), or its rows would come back once per joined row."""

    def __init__(self, object_list, per_page, *, count=None, ids=None, **options):
        super().__init__(object_list, per_page, **options)
        self._count, self._ids = count, ids

    @cached_property
    def count(self):
        return self._count() if self._count else Paginator.count.func(self)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom == 0:
            return self._get_page(self.object_list[bottom:top], number, self)

        def find():
            return list(self.object_list.values_list("pk", flat=True)[bottom:top])

        ids = self._ids(number, find) if self._ids else find()
        # By their ids alone: the conditions already chose them, and left on this query they
        # could lead the database to walk the list again to find them.
        rows = self.object_list.all()
        rows.query.where = WhereNode()
        return self._get_page(rows.filter(pk__in=ids), number, self)
