"""The rules the database itself keeps, whatever the code above it does."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from entraide.projects.models import Catalogue, Hosting, Member, Output, OutputKind
from entraide.projects.tests.conftest import form_pair


def test_there_is_one_site_wide_catalogue_only(db):
    Catalogue.objects.create(title="Le réseau", slug="reseau")

    with pytest.raises(IntegrityError), transaction.atomic():
        Catalogue.objects.create(title="Un autre", slug="autre")

    assert Catalogue.objects.filter(place__isnull=True).count() == 1


def test_a_person_is_in_one_accepted_pair_of_a_project(stories_project, alice, charlie, bob):
    form_pair(stories_project, alice, charlie)
    other = form_pair(stories_project, bob)

    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(
            pair=other, project=stories_project, user=alice, accepted_at=timezone.now()
        )

    assert Member.objects.filter(user=alice).count() == 1


def test_an_object_is_the_output_of_one_project_only(stories_project, workshops_project):
    Output.objects.create(project=stories_project, kind=OutputKind.STORY, object_id=7)

    with pytest.raises(IntegrityError), transaction.atomic():
        Output.objects.create(project=workshops_project, kind=OutputKind.STORY, object_id=7)


def test_a_place_hosts_a_project_once(workshops_project, place):
    Hosting.objects.create(project=workshops_project, place=place)

    with pytest.raises(IntegrityError), transaction.atomic():
        Hosting.objects.create(project=workshops_project, place=place)
