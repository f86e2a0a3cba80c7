"""The public pages of stories in a real browser (Debian's Chromium), as the quality bars
measure them: axe clean, within the page budget, readable without JavaScript, and the audio
player asks for nothing before the reader presses play (preload="none")."""

import pytest

from entraide.stories.tests.pages_public import a_collection
from tests.browser.audit import measure, problems_of

pytestmark = pytest.mark.browser


def test_the_public_pages_are_axe_clean_and_within_budget(browser, axe_source, live_app):
    collection = a_collection(14)
    story = collection.stories.order_by("pk").first()
    for path in (
        "/recits/",
        collection.get_absolute_url(),
        f"{collection.get_absolute_url()}?theme=theme-0&page=2",
        story.get_absolute_url(),
        f"{story.get_absolute_url()}transcription.html",
    ):
        result = measure(browser, live_app + path, axe_source=axe_source)
        # The audio address is served by another group of pages: were the player to fetch it
        # before play (no preload="none"), its answer would be among the requests counted.
        assert problems_of(result) == [], path
