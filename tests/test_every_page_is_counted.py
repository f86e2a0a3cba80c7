"""Every page of Entraide, found from the URL patterns, has its literal query count in its
app's `tests/test_query_counts.py` (tests/querycount.py), or is named below with the reason
it has none. A new app's page fails this test until it is counted, or consciously left out."""

import importlib

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# Addresses that only take a POST (an action, then a redirect): nothing to render.
ACTIONS = {
    "accounts:set_language",
    "places:invite",
    "places:revoke_invitation",
    "workshops:undo_mine",
    "workshops:change_calendar_address",
    "workshops:undo_by_link",
    "workshops:register",
    "workshops:register_series",
    "workshops:publish",
    "workshops:publish_series",
    "workshops:duplicate",
    "polls:answer",
    "surveys:answer",
    "polls:comment",
    "polls:delete",
    "polls:delete_poll",
    "manifestos:post_idea",
    "manifestos:support",
    "manifestos:unsupport",
    "manifestos:switch_phase",
    "manifestos:move_up",
    "manifestos:move_down",
    "manifestos:hide_idea",
    "manifestos:show_idea",
    "manifestos:group_ideas",
    "manifestos:withdraw_amendment",
    "manifestos:confirm_amendment",
    "manifestos:withdraw_by_link",
    "manifestos:vote",
    "manifestos:comment_amendment",
    "manifestos:comment_section",
    "manifestos:hide_comment",
    "manifestos:show_comment",
    "surveys:publish",
    "surveys:close",
    "surveys:reopen",
    "surveys:duplicate",
    "surveys:delete_section",
    "surveys:section_up",
    "surveys:section_down",
    "surveys:delete_question",
    "surveys:duplicate_question",
    "surveys:question_up",
    "surveys:question_down",
    "challenges:add_pledge",  # each renders the building page again when refused (status 400)
    "challenges:edit_pledge",
    "challenges:remove_pledge",
    "challenges:add_team",
    "challenges:rename_team",
    "challenges:remove_team",
    "challenges:workshops",
    "challenges:publish",
    "challenges:publish_testimony",
    "challenges:hide_testimony",
    "projects:catalogue_publication",  # projects' organisers: each back to its page
    "projects:project_publication",
    "projects:enrolment",
    "projects:pair_people",
    "projects:start_output",  # a pair starts its output: the pair's page again when refused
    "stories:add_theme",  # stories' editors: each draws the settings page again when refused
    "stories:rename_theme",
    "stories:regenerate_code",
    "stories:collection_publication",
    "stories:consent_form",
    "stories:invite_writers",
    "stories:remove_writer",
    "stories:review_action",  # draws the review page again (400, or 409 in the wrong state)
    "stories:invite_partner",  # stories' authors: each draws its page again when refused
    "stories:withdraw_invitation",
    "stories:interviewee",
    "stories:answer",
    "stories:submit",
    "stories:request_consent",  # then back to the page it came from, with a message
    "stories:request_reading",
    "stories:consent_reading",  # the interviewee's reading: approve, or corrections
    "stories:episode_transcript",  # the episode page's forms: drawn again when refused
    "stories:episode_chapters",
    "stories:episode_remove",
    "stories:photo_remove",
    "stories:anthology_add",  # the anthology page's buttons
    "stories:anthology_up",
    "stories:anthology_down",
    "stories:anthology_remove",
    "stories:anthology_build",
    "stories:anthology_delete_export",
}

# Pages about one thing that lists nothing: fixed text, an empty form, or the confirmation of
# one action on one object.
ONE_THING = {
    "core:accessibility",
    "core:privacy",
    "core:legal_notice",
    "workshops:check_mailbox",
    "workshops:cancel_mine",
    "workshops:cancel_by_link",
    "workshops:calendar_mine",
    "workshops:calendar_by_link",
    "workshops:create_series",
    "workshops:write",
    "workshops:write_series",
    "workshops:delete_draft",
    "polls:add_slots",
    "manifestos:check_mailbox",
    "manifestos:my_amendment",
    "manifestos:update_by_link",
    "manifestos:signature_sent",
    "manifestos:my_signature",
    "manifestos:epub",  # a binary file: its count is in manifestos/tests/test_exports.py
    "surveys:add_section",
    "surveys:edit_section",
    "surveys:add_question",
    "surveys:edit_question",  # one question, its choices in one textarea
    "surveys:results_csv",  # files: their counts are in surveys/tests/test_exports.py
    "surveys:answers_csv",
    "surveys:report_pdf",  # the report's PDF: its count is in surveys/tests/test_report.py
    "stories:create_collection",  # an empty form (the places one runs: a handful)
    "stories:remove_theme",  # the confirmation of removing one theme
    "stories:writer_invitation",  # one invitation
    "stories:partner_invitation",  # one invitation to write a story in a pair
    "stories:join",  # a form: the collection's code
    "stories:audio",  # files streamed from storage: their counts are in pages_media.py
    "stories:photo_file",
    "stories:anthology_download",  # an export's file
}


def _walk(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry.callback.__module__


def entraide_pages():
    return {name for name, module in _walk(get_resolver()) if module.startswith("entraide.")}


def counted_pages():
    """The URL names of the pages each app counts (a page's name, before its variant)."""
    counted = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("entraide."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.test_query_counts")
        except ModuleNotFoundError:
            continue
        counted |= {page.name.split(" ", 1)[0] for page in module.PAGES}
    return counted


def test_every_page_has_its_literal_query_count():
    uncounted = entraide_pages() - counted_pages() - ACTIONS - ONE_THING
    assert uncounted == set(), (
        "count these pages in their app's tests/test_query_counts.py (tests/querycount.py), "
        "or say in tests/test_every_page_is_counted.py why they have no count"
    )


def test_the_pages_said_uncounted_exist_and_are_not_counted():
    pages, counted = entraide_pages(), counted_pages()
    assert (ACTIONS | ONE_THING) - pages == set()
    assert (ACTIONS | ONE_THING) & counted == set()
