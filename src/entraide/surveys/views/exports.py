"""The results as CSV: the public aggregates (exactly what the results page shows), and every
response for the organisers, streamed so that memory stays flat however many there are."""

import csv

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from entraide.core.page_cache import public_page
from entraide.core.spreadsheet import csv_download, spreadsheet_safe
from entraide.surveys.access import survey_for_organiser
from entraide.surveys.models import Response
from entraide.surveys.services.results import figure_text, results
from entraide.surveys.views.results import breakdown_id, visible_survey

CHUNK = 2_000  # answers read from the database at a time


@public_page
def results_csv(request, slug) -> HttpResponse:
    """One row per figure of the results page: question, answer, count, percentage (and the
    group when split), hidden counts as on the page. Open data: nothing else is in it."""
    survey, _preview = visible_survey(request, slug)
    survey_results = results(survey, breakdown=breakdown_id(request))
    threshold = survey_results.threshold
    response, writer = csv_download(f"resultats-{survey.slug}.csv")
    header = [_("Question"), _("Answer"), _("Count"), _("Percentage of respondents")]
    if survey_results.breakdown:
        header.append(_("Group: %(question)s") % {"question": survey_results.breakdown.text})
    writer.writerow(header)
    for r in survey_results.questions:
        text = r.question.text
        if r.question.is_text:
            continue  # quotes are on the page, not figures
        answered = figure_text(r.respondents, threshold)
        writer.writerow([text, _("(people who answered)"), answered, ""])
        for cell in r.cells:
            percent = "" if cell.percent is None else cell.percent
            writer.writerow([text, cell.label, figure_text(cell.count, threshold), percent])
        if r.mean is not None:
            writer.writerow([text, _("(mean)"), number_format(r.mean), ""])
            writer.writerow([text, _("(median)"), number_format(r.median), ""])
        for group in r.groups:
            answered = figure_text(group.respondents, threshold)
            writer.writerow([text, _("(people who answered)"), answered, "", group.label])
            for cell in group.cells:
                count = figure_text(cell.count, threshold)
                writer.writerow([text, cell.label, count, "", group.label])
    return response


class _Line:
    """A file-like object whose write() hands back what csv.writer wrote."""

    def write(self, value):
        return value


def _response_rows(survey, questions):
    """One list of cells per response, in the order of `questions`, read `CHUNK` answers at a
    time: only one response is held in memory."""
    columns = {q.pk: i for i, q in enumerate(questions)}
    labels = {c.pk: c.label for q in questions for c in q.choices.all()}
    answers = (  # from the responses: one with no answer still has its row
        Response.objects.filter(survey=survey)
        .order_by(
            "pk",
            "answers__question_id",
            F("answers__choice__position").asc(nulls_last=True),  # "other" last, everywhere
            "answers__choice_id",
        )
        .values_list(
            "pk", "day", "answers__question_id", "answers__choice_id", "answers__number",
            "answers__text",
        )
    )  # fmt: skip
    current, day, cells = None, None, None
    for response_id, answered_on, question_id, choice_id, number, text in answers.iterator(
        chunk_size=CHUNK
    ):
        if response_id != current:
            if current is not None:
                yield [day.isoformat(), *(" | ".join(c) for c in cells)]
            current, day, cells = response_id, answered_on, [[] for _q in questions]
        column = columns.get(question_id)
        if column is None:
            continue
        if choice_id is not None:
            cells[column].append(labels.get(choice_id, ""))
        elif number is not None:
            cells[column].append(number_format(number.normalize()))
        elif text:
            cells[column].append(text)
    if current is not None:
        yield [day.isoformat(), *(" | ".join(c) for c in cells)]


@login_required
def answers_csv(request, slug) -> StreamingHttpResponse:
    """Every response, one row each (the day, then a column per question), for the
    organisers: streamed, formula-safe."""
    survey = survey_for_organiser(request, slug)
    questions = list(survey.questions.prefetch_related("choices"))
    writer = csv.writer(_Line(), delimiter=";")

    def lines():
        yield "\ufeff"  # so that spreadsheets read UTF-8
        yield writer.writerow([_("Day"), *(spreadsheet_safe(q.text) for q in questions)])
        for row in _response_rows(survey, questions):
            yield writer.writerow([spreadsheet_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reponses-{survey.slug}.csv"'
    return response
