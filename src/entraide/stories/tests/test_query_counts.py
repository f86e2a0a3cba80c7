"""Every page of stories costs a literal number of queries, the same with 1 or N objects
(tests/querycount.py). Each group of pages lists its pages in its own module."""

import pytest

from entraide.stories.tests.pages_anthology import PAGES as ANTHOLOGY
from entraide.stories.tests.pages_media import PAGES as MEDIA
from entraide.stories.tests.pages_public import PAGES as PUBLIC
from entraide.stories.tests.pages_writing import PAGES as WRITING
from entraide.stories.tests.test_consent_query_counts import PAGES as CONSENT
from entraide.stories.tests.test_editing_query_counts import EDITING_PAGES as EDITING
from tests.querycount import assert_page_cost

PAGES = [*PUBLIC, *MEDIA, *WRITING, *CONSENT, *EDITING, *ANTHOLOGY]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
