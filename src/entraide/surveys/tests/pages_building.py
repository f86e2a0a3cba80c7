"""The literal query counts of the building pages (tests/querycount.py), gathered by
test_query_counts.py."""

PAGES = []
