"""The privacy page says what the site keeps today; a page its administrator edited is kept."""

from importlib import import_module

import pytest
from django.apps import apps

from entraide.core.models import LegalPage

pytestmark = pytest.mark.django_db
migration = import_module("entraide.core.migrations.0004_privacy_text")


def test_an_unedited_privacy_page_gets_the_current_text_and_an_edited_one_is_kept():
    page = LegalPage.objects.get(kind="confidentialite")
    page.body = migration.FIRST_PRIVACY_TEXT
    page.save()
    migration.update_unedited_privacy_page(apps, None)
    page.refresh_from_db()
    assert "plus tard, vos inscriptions" not in page.body
    assert "Vos inscriptions aux ateliers" in page.body_html

    page.body = "Notre propre texte."
    page.save()
    migration.update_unedited_privacy_page(apps, None)
    page.refresh_from_db()
    assert page.body == "Notre propre texte."
