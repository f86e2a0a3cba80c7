"""The anthology's pages in the browser: the editor's list and anthology page (with a story
withdrawn, a ready export, a failed one and one being built) and the printable page pass the
audit (budgets, axe-core, no JavaScript needed)."""

import pytest

from entraide.stories.models import AnthologyExport, Story
from entraide.stories.services import anthology as services
from entraide.stories.tests.anthology_scenes import public_story
from entraide.stories.tests.conftest import build_collection
from tests.browser.audit import measure, problems_of
from tests.browser.test_walk import session_cookie
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.browser


def test_the_anthology_pages_pass_the_audit(browser, live_app, axe_source):
    editor, author = UserFactory(email="camille@example.org"), UserFactory()
    collection = build_collection(PlaceFactory(organisers=[editor]))
    anthology = services.create_anthology(
        collection, title="Récits de la transition", introduction="Trois **portraits**."
    )
    stories = [
        public_story(collection, author, title, interviewee_name=name)
        for title, name in (("Réparer ensemble", "Joséphine Martin"),
                            ("L’énergie des femmes", "Awa Diallo"),
                            ("Quitter la tour", "Marc Petit"))
    ]  # fmt: skip
    for story in stories[:2]:
        services.add_story(anthology, story.pk)
    Story.objects.filter(pk=stories[1].pk).update(consented_text=False)
    held = [{"id": stories[0].pk, "title": stories[0].title}]
    AnthologyExport.objects.create(anthology=anthology, format="epub", status="pret",
                                   file="x.epub", size=12345, stories=held)  # fmt: skip
    AnthologyExport.objects.create(anthology=anthology, format="pdf", status="echec",
                                   error="OSError")  # fmt: skip
    AnthologyExport.objects.create(anthology=anthology, format="pdf", status="en-cours",
                                   progress=40)  # fmt: skip
    cookies = session_cookie(live_app, editor.email)

    for url in (collection.anthologies_url(), anthology.manage_url(),
                anthology.manage_url() + "imprimer/"):  # fmt: skip
        result = measure(browser, live_app + url, axe_source=axe_source, cookies=cookies)
        assert problems_of(result) == [], url
