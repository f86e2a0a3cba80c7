import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.ENTRAIDE_PAGE_CACHE_SECONDS = 300
