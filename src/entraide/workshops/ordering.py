"""The order of workshops still to come: by date, those whose date is to be decided last.

`UndatedLast()` is the start of a workshop, or for an undated one a moment after every date.
It is written as a literal (no query parameter), so that the database recognises it as the
expression of the index that lists workshops (Workshop.Meta.indexes): "upcoming" becomes one
range of that index (`upcoming_key > now`), counted from the index alone, and the order of the
list is the index's order instead of a sort of every upcoming workshop on each visit.
"""

from django.db.models import DateTimeField, F, Func


class UndatedLast(Func):
    function = "COALESCE"
    output_field = DateTimeField()
    # SQLite keeps datetimes as ISO text in UTC, which sorts as the moments do.
    template = "COALESCE(%(expressions)s, '9999-12-31 23:59:59')"

    def __init__(self, field="starts_at"):
        super().__init__(F(field))

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "COALESCE(%(expressions)s, 'infinity'::timestamptz)"
        return self.as_sql(compiler, connection, template=template, **extra_context)
