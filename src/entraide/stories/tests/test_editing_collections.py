"""The editors set up a collection: created only for a place they run, with the seed's
defaults in their language, a unique slug and an unambiguous code; settings, themes, the
versioned consent form, publication."""

import pytest
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import CODE_LENGTH, Consent, ConsentForm, Theme
from entraide.stories.services import collections as services
from entraide.stories.tests.conftest import consented
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def create(place, by, **fields):
    return services.create_collection(
        place, by=by, fields={"title": "Récits de la transition", **fields}
    )


def test_a_new_collection_has_the_seeds_defaults_in_the_creators_language(bob, place):
    collection = create(place, bob)
    assert collection.slug == "recits-de-la-transition"
    assert collection.published_at is None
    assert collection.interview_guide.startswith("En binôme")
    assert collection.length_guidance.startswith("D’une à quatre pages")
    assert list(collection.themes.values_list("name", flat=True)) == [
        "Évolution des modes de vie",
        "Sobriété",
        "Santé",
        "Sport",
        "Psychologie",
        "Biodiversité",
    ]
    form = collection.current_consent_form()
    assert form.version == 1
    assert form.text.startswith("Vous avez accepté")


def test_an_english_speaking_creator_gets_the_defaults_in_english(bob, place):
    bob.language = "en"
    bob.save()
    collection = create(place, bob)
    assert collection.interview_guide.startswith("In pairs")
    assert collection.themes.first().name == "Changing ways of life"
    assert collection.current_consent_form().text.startswith("You agreed")


def test_the_code_is_unambiguous_and_each_collection_has_its_own(bob, place):
    codes = {create(place, bob).code for _ in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert not set(code) & set("0O1I")


def test_two_collections_of_the_same_title_get_two_addresses_never_a_reserved_word(bob, place):
    assert create(place, bob).slug == "recits-de-la-transition"
    assert create(place, bob).slug == "recits-de-la-transition-2"
    assert create(place, bob, title="Nouveau").slug != "nouveau"


def test_someone_running_another_place_cannot_create_there(charlie, place):
    PlaceFactory(organisers=[charlie])
    with pytest.raises(DomainError) as refused:
        create(place, charlie)
    assert refused.value.code == StoryErrorCode.OTHER_PLACE


def test_given_themes_replace_the_defaults(bob, place):
    collection = services.create_collection(
        place, by=bob, fields={"title": "Atelier"}, themes=["Eau", " ", "Énergie"]
    )
    assert list(collection.themes.values_list("name", "slug")) == [
        ("Eau", "eau"),
        ("Énergie", "energie"),
    ]


def test_the_settings_change_and_an_empty_guide_is_refused(bob, collection):
    services.update_collection(
        collection, by=bob, fields={"title": "Portraits", "reading_required": True}
    )
    collection.refresh_from_db()
    assert (collection.title, collection.reading_required) == ("Portraits", True)
    with pytest.raises(DomainError) as refused:
        services.update_collection(collection, by=bob, fields={"interview_guide": "  "})
    assert (refused.value.code, refused.value.field) == (StoryErrorCode.EMPTY, "interview_guide")


def test_a_new_code_replaces_the_old_one(bob, collection):
    old = collection.code
    new = services.regenerate_code(collection, by=bob)
    collection.refresh_from_db()
    assert collection.code == new != old


def test_themes_are_added_renamed_and_removed_and_the_stories_lose_a_removed_one(
    bob, collection, story_by, alice
):
    theme = services.add_theme(collection, by=bob, name="Eau")
    with pytest.raises(DomainError) as refused:
        services.add_theme(collection, by=bob, name="eau")
    assert refused.value.code == StoryErrorCode.THEME_TAKEN
    services.rename_theme(theme, by=bob, name="L’eau")
    assert (theme.name, theme.slug) == ("L’eau", "leau")
    story = story_by(alice)
    story.themes.add(theme)
    assert services.remove_theme(theme, by=bob) == 1
    assert list(story.themes.all()) == []
    assert not Theme.objects.filter(pk=theme.pk).exists()
    with pytest.raises(DomainError) as refused:
        services.add_theme(collection, by=bob, name="x" * 81)
    assert refused.value.code == StoryErrorCode.TOO_LONG


def test_the_consent_form_gets_a_new_version_only_when_its_text_changes(
    bob, collection, story_by, alice
):
    story = story_by(alice)
    consented(story)
    same = services.new_consent_form(
        collection, by=bob, text=collection.current_consent_form().text + "\n"
    )
    assert same.version == 1
    second = services.new_consent_form(collection, by=bob, text="Nouveau texte.")
    assert second.version == 2
    assert Consent.objects.get(story=story).form.version == 1  # the agreed version stays
    versions = [(f.version, f.consents_count) for f in services.consent_form_versions(collection)]
    assert versions == [(2, 0), (1, 1)]
    with pytest.raises(DomainError) as refused:
        services.new_consent_form(collection, by=bob, text=" ")
    assert refused.value.code == StoryErrorCode.EMPTY
    assert ConsentForm.objects.filter(collection=collection).count() == 2


def test_publishing_and_unpublishing_the_collection(bob, place):
    collection = create(place, bob)
    services.publish_collection(collection, by=bob)
    collection.refresh_from_db()
    assert collection.published_at is not None
    when = collection.published_at
    services.publish_collection(collection, by=bob)  # twice: the first date stays
    collection.refresh_from_db()
    assert collection.published_at == when <= timezone.now()
    services.unpublish_collection(collection, by=bob)
    collection.refresh_from_db()
    assert collection.published_at is None
