"""Editors invite writers by mail; the invitation works before the person has an account;
editors see and remove writers (their stories stay)."""

import re
from urllib.parse import quote

import pytest
from django.core import mail

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Story, Writer
from entraide.stories.services import collections as services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"http\S+(/recits/invitation/\S+/)", message.body).group(1)


def test_each_new_address_is_invited_by_mail_duplicates_and_known_ones_skipped(
    bob, collection, writer
):
    invited = services.invite_writers(
        collection,
        by=bob,
        addresses="lea@example.org\n\nLEA@example.org\nalice@example.org\n tom@example.org ",
    )
    assert [w.email for w in invited] == ["lea@example.org", "tom@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == ["lea@example.org", "tom@example.org"]
    message = mail.outbox[0]
    assert "Récits de la transition" in message.subject
    assert link_in(message) == invited[0].invitation_url()
    again = services.invite_writers(collection, by=bob, addresses="lea@example.org")
    assert again == []
    assert collection.writers.count() == 3


def test_bad_addresses_are_listed_back_and_nothing_is_sent(bob, collection):
    with pytest.raises(DomainError) as refused:
        services.invite_writers(collection, by=bob, addresses="ok@example.org\npas une adresse\n@x")
    assert (refused.value.code, refused.value.field) == (StoryErrorCode.BAD_ADDRESS, "addresses")
    assert "pas une adresse" in refused.value.message
    assert "@x" in refused.value.message
    assert mail.outbox == []
    assert collection.writers.count() == 0


def test_at_most_a_hundred_addresses_at_once(bob, collection):
    addresses = "\n".join(f"p{n}@example.org" for n in range(101))
    with pytest.raises(DomainError) as refused:
        services.invite_writers(collection, by=bob, addresses=addresses)
    assert refused.value.code == StoryErrorCode.TOO_MANY_ADDRESSES
    assert services.invite_writers(collection, by=bob, addresses=addresses.rsplit("\n", 1)[0])
    assert len(mail.outbox) == 100


def test_only_the_places_team_invites(charlie, alice, collection):
    for person in (charlie, alice):
        with pytest.raises(DomainError) as refused:
            services.invite_writers(collection, by=person, addresses="x@example.org")
        assert refused.value.code == StoryErrorCode.OTHER_PLACE


def test_the_invitation_page_works_without_an_account_then_accepting_makes_a_writer(
    client, bob, collection
):
    services.invite_writers(collection, by=bob, addresses="lea@example.org")
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200
    assert f"?next={quote(url, safe='')}" in page.text  # sign in or up, then come back
    assert client.post(url).status_code == 200  # not signed in: nothing accepted
    lea = UserFactory(email="lea@example.org")
    client.force_login(lea)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == collection.new_story_url()
    writer = Writer.objects.get(collection=collection, email="lea@example.org")
    assert writer.user == lea
    assert writer.joined_at is not None
    assert client.post(url).status_code == 302  # the same person again: no harm


def test_a_used_invitation_says_so_and_a_forged_one_is_not_found(client, bob, charlie, collection):
    services.invite_writers(collection, by=bob, addresses="lea@example.org")
    url = link_in(mail.outbox[0])
    client.force_login(UserFactory(email="lea@example.org"))
    client.post(url)
    client.force_login(charlie)
    used = client.get(url)
    assert used.status_code == 410
    assert "déjà été utilisée" in used.text
    assert client.post(url).status_code == 410
    assert client.get("/recits/invitation/forged/").status_code == 404
    assert client.get("/recits/invitation/" + "a" * 300 + "/").status_code == 404


def test_someone_who_joined_with_the_code_spends_the_invitation(client, bob, alice, writer):
    services.invite_writers(writer.collection, by=bob, addresses="autre@example.org")
    client.force_login(alice)
    assert client.post(link_in(mail.outbox[0])).status_code == 302
    assert list(writer.collection.writers.all()) == [writer]


def test_removing_a_writer_keeps_their_stories(bob, alice, writer, story_by):
    story = story_by(alice)
    services.remove_writer(writer, by=bob)
    assert not Writer.objects.filter(pk=writer.pk).exists()
    assert Story.objects.filter(pk=story.pk).exists()
