"""The literal query counts of the results pages (tests/querycount.py), gathered by
test_query_counts.py."""

PAGES = []
