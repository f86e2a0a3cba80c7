"""A poll may fix the date of a workshop still in draft (a place hosting a project makes both
at once): its page names the workshop without linking to a page visitors cannot open."""

import pytest

from entraide.workshops.models import Status

pytestmark = pytest.mark.django_db


def test_a_poll_names_its_draft_workshop_without_a_link(client, poll, undated_workshop):
    undated_workshop.status = Status.DRAFT
    undated_workshop.save(update_fields=["status"])

    page = client.get(poll.get_absolute_url()).text

    assert undated_workshop.title in page
    assert f'href="{undated_workshop.get_absolute_url()}"' not in page
    assert client.get(undated_workshop.get_absolute_url()).status_code == 404


def test_a_poll_links_to_its_published_workshop(client, poll, undated_workshop):
    page = client.get(poll.get_absolute_url()).text

    assert f'href="{undated_workshop.get_absolute_url()}"' in page
