"""The answering service: its guards, one transaction, nothing that identifies."""

import datetime

import pytest
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.surveys import hooks
from entraide.surveys.errors import SurveyErrorCode as Code
from entraide.surveys.models import Answer, Invitation, Response
from entraide.surveys.services import answering
from entraide.surveys.services.answering import field_name

pytestmark = pytest.mark.django_db


def good(survey):
    data = {}
    for question in survey.questions.prefetch_related("choices"):
        first = question.choices.first()
        if question.kind == "choix-multiples":
            data[field_name(question)] = [str(first.pk)]
        elif question.has_choices:
            data[field_name(question)] = str(first.pk)
        elif question.has_values:
            data[field_name(question)] = "3"
        else:
            data[field_name(question)] = "Bien"
    return data


def refusal(survey, data, **kwargs):
    with pytest.raises(DomainError) as refused:
        answering.submit(survey, data, **kwargs)
    assert Response.objects.count() == 0
    return refused.value.code


def test_a_response_holds_its_survey_and_day_and_nothing_else():
    assert {field.name for field in Response._meta.concrete_fields} == {"id", "survey", "day"}
    invitation_fields = {field.name for field in Invitation._meta.get_fields()}
    assert "response" not in invitation_fields
    assert {f.related_model for f in Invitation._meta.get_fields() if f.is_relation} == {
        Invitation._meta.get_field("survey").related_model
    }


def test_an_answer_is_written_with_the_day_only(open_survey):
    now = timezone.now()

    response = answering.submit(open_survey, good(open_survey), now=now)

    assert (response.day, Answer.objects.count()) == (timezone.localdate(now), 7)


def test_a_draft_a_survey_not_open_yet_and_a_closed_one_refuse(survey):
    assert refusal(survey, good(survey)) == Code.NOT_PUBLISHED
    survey.published_at = timezone.now()
    survey.opens_at = timezone.now() + datetime.timedelta(hours=1)
    survey.save()
    assert refusal(survey, good(survey)) == Code.NOT_OPEN_YET
    survey.opens_at = None
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.save()
    assert refusal(survey, good(survey)) == Code.CLOSED


def test_a_survey_by_invitation_refuses_an_answer_without_a_link(open_survey):
    open_survey.invitation_only = True
    open_survey.save()

    assert refusal(open_survey, good(open_survey)) == Code.INVITATION_ONLY


def test_a_bad_answer_refuses_the_whole_response(open_survey):
    data = good(open_survey)
    data[field_name(open_survey.questions.get(kind="nombre"))] = "99"

    assert refusal(open_survey, data) == Code.OUT_OF_RANGE
    assert Answer.objects.count() == 0


def test_the_next_time_a_survey_page_changes_by_itself_is_its_opening_or_closing(open_survey):
    now = timezone.now()
    open_survey.opens_at = now + datetime.timedelta(days=1)
    open_survey.closes_at = now + datetime.timedelta(days=3)
    open_survey.save()

    assert hooks.next_time_transition(now) == open_survey.opens_at
    assert hooks.next_time_transition(now + datetime.timedelta(days=2)) == open_survey.closes_at
