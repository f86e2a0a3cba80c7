"""The public pages of a survey: its introduction and form (one section per page, the answers
of the other sections carried in hidden fields: no session, no cookie until one answers), the
thanks page, and the pages of a survey that is closed, not open yet or a draft.

After an answer, a cookie `enquete-<id>` = "1" (nothing that identifies) tells this browser
it has answered; the page then says so and offers to answer again (a shared computer)."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from entraide.core import rate_limits
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.page_cache import public_page
from entraide.places.services import is_organiser
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.forms.answering import AnswerForm
from entraide.surveys.models import Survey
from entraide.surveys.services import answering

YEAR = 365 * 24 * 3600
BACK, NEXT = "precedent", "suivant"


def answered_cookie(survey) -> str:
    return f"enquete-{survey.pk}"


@dataclass
class Page:
    number: int
    section: object
    questions: list

    def names(self) -> set[str]:
        names = set()
        for question in self.questions:
            names |= {answering.field_name(question), answering.other_field_name(question)}
        return names


def pages_of(survey) -> list[Page]:
    """One page per section that has questions, in order (two queries)."""
    questions = answering.questions_of(survey)
    pages = []
    for section in survey.sections.all():
        mine = [q for q in questions if q.section_id == section.pk]
        if mine:
            pages.append(Page(len(pages) + 1, section, mine))
    return pages


def _hidden(data, pages, current) -> list[tuple[str, str]]:
    """The answers of the other pages, as sent: carried in hidden fields."""
    carried = []
    for page in pages:
        if page is current:
            continue
        for name in sorted(page.names()):
            carried += [(name, value) for value in data.getlist(name) if value != ""]
    return carried


def _initial(data, form) -> dict:
    return {
        name: field.widget.value_from_datadict(data, None, name)
        for name, field in form.fields.items()
    }


def _results_url(survey):
    if not survey.results_are_public():
        return None
    return reverse("surveys:results", args=[survey.slug])


def _render(request, survey, pages, page, form, *, action, status=200, **extra):
    in_page = page.names()
    context = {
        "survey": survey,
        "pages": pages,
        "page": page,
        "question_count": sum(len(p.questions) for p in pages),
        "form": form,
        "error_form": form if form.is_bound else None,
        "rows": [row for row in form.rows() if row[0] in page.questions],
        "hidden": _hidden(request.POST, pages, page) if request.method == "POST" else [],
        "action": action,
        "is_last": page.number == len(pages),
        "in_page": in_page,
        **extra,
    }
    return render(request, "surveys/answering/detail.html", context, status=status)


def _page_with_error(pages, form, default):
    for page in pages:
        if page.names() & set(form.errors):
            return page
    return default


def _answered(request, survey, response):
    response.set_cookie(
        answered_cookie(survey),
        "1",
        max_age=YEAR,
        path=survey.get_absolute_url(),
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )
    return response


def answer_flow(request, survey, *, action, invitation_token=None, preview=False, **extra):
    """The form of `survey`, a section a page: GET shows the first; POST goes back, forward
    (checking the page it leaves) or, from the last page, checks all and records the answer."""
    pages = pages_of(survey)
    if not pages:
        raise Http404
    questions = [q for page in pages for q in page.questions]
    flow = {"action": action, "preview": preview, **extra}
    if request.method != "POST":
        return _render(request, survey, pages, pages[0], AnswerForm(questions=questions), **flow)
    data = request.POST
    try:
        number = min(max(int(data.get("page", 1)), 1), len(pages))
    except ValueError:
        number = 1
    current, move = pages[number - 1], data.get("aller")
    if move == BACK or number < len(pages):  # Enter in a field of a middle page goes forward
        if move != BACK:
            checked = AnswerForm(data, questions=current.questions)
            if not checked.is_valid():
                return _render(request, survey, pages, current, checked, status=400, **flow)
        target = pages[max(number - 2, 0) if move == BACK else number]
        form = AnswerForm(questions=questions)
        form.initial = _initial(data, form)
        return _render(request, survey, pages, target, form, **flow)
    form = AnswerForm(data, questions=questions)
    if form.is_valid() and not preview:
        verdict = rate_limits.network_allowed(request, "surveys.answer")
        if not verdict.allowed:
            return rate_limits.too_many_from_network(request, verdict, action)
        try:
            answering.submit(
                survey, form.cleaned_data, invitation_token=invitation_token, questions=questions
            )
        except DomainError as error:
            if error.code == SurveyErrorCode.INVITATION_USED:
                return _used(request, survey)
            add_domain_error(form, error)
        else:
            thanks = redirect("surveys:thanks", survey.slug)
            return _answered(request, survey, thanks)
    return _render(
        request, survey, pages, _page_with_error(pages, form, current), form, status=400, **flow
    )


def _used(request, survey):
    """An invitation's link answers once: 410, the link is gone for good."""
    return render(request, "surveys/answering/used.html", {"survey": survey}, status=410)


def _unavailable(request, survey, status=200):
    """The page of a published survey that does not take answers now, or not from here."""
    now = timezone.now()
    context = {
        "survey": survey,
        "not_open_yet": not survey.has_opened(now),
        "closed": survey.is_closed(now),
        "results_url": _results_url(survey),
    }
    return render(request, "surveys/answering/unavailable.html", context, status=status)


@public_page
@csrf_protect_signed_in
def detail(request, slug):
    survey = get_object_or_404(Survey.objects.select_related("place"), slug=slug)
    preview = not survey.is_published
    if preview and not is_organiser(request.user, survey.place):
        raise Http404
    refused = 400 if request.method == "POST" else 200
    if not preview and (not survey.is_open() or survey.invitation_only):
        return _unavailable(request, survey, status=refused)
    again = request.GET.get("encore") == "1"
    if request.method != "POST" and not again and answered_cookie(survey) in request.COOKIES:
        context = {"survey": survey, "results_url": _results_url(survey)}
        return render(request, "surveys/answering/already.html", context)
    action = survey.get_absolute_url() + ("?encore=1" if again else "")
    return answer_flow(request, survey, action=action, preview=preview)


@csrf_protect_signed_in
def answer(request, slug):
    """The form's second address: the same as the survey's own; a GET goes there."""
    if request.method != "POST":
        return redirect("surveys:detail", slug)
    return detail(request, slug)


@public_page
def thanks(request, slug):
    survey = get_object_or_404(Survey.objects.select_related("place"), slug=slug)
    if not survey.is_published:
        raise Http404
    context = {"survey": survey, "results_url": _results_url(survey)}
    return render(request, "surveys/answering/thanks.html", context)


@csrf_protect_signed_in
def invited(request, token):
    """The form reached through an invitation's private link: one answer per link."""
    invitation = answering.find_invitation(token)
    if invitation is None or not invitation.survey.is_published:
        raise Http404
    survey = invitation.survey
    if invitation.used_on is not None:
        return _used(request, survey)
    if not survey.is_open():
        return _unavailable(request, survey, status=400 if request.method == "POST" else 200)
    action = reverse("surveys:invited", args=[token])
    return answer_flow(request, survey, action=action, invitation_token=token, invited=True)
