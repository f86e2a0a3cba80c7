"""The results page (public once the organisers publish it; a preview for them before), and
the organisers' choice of what is published: when, the smallest count shown, which questions,
which quotes."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError, add_domain_error
from entraide.core.page_cache import public_page
from entraide.places.services import is_organiser
from entraide.surveys.access import published_survey, survey_for_organiser
from entraide.surveys.forms.results import PublicationForm
from entraide.surveys.models import TEXT_KINDS
from entraide.surveys.services import publishing
from entraide.surveys.services.results import breakdown_questions, results

QUOTES_PAGE = 50  # text answers per page of the quote picker

# The results page holds the site's budget of DOM elements (counted as EcoIndex does: every
# element, an SVG chart's content left out) whatever the number of questions: its questions
# are cut into pages by their weight, at most PAGE_QUESTIONS a page. Sections are not pages:
# one may hold any number of questions, and a page by section would break the budget.
PAGE_BUDGET = 390
PAGE_FRAME = 105  # the layout, the summary, the links, the navigation, a signed-in menu
PAGE_QUESTIONS = 10


def visible_survey(request, slug):
    """A published survey whose results `request` may see, and whether it is a preview (the
    results are not public yet; its organisers see them anyway)."""
    survey = published_survey(slug)
    if survey.results_are_public():
        return survey, False
    if is_organiser(request.user, survey.place):
        return survey, True
    raise Http404


def breakdown_id(request):
    try:
        return int(request.GET.get("selon", ""))
    except ValueError:
        return None


def question_weight(r):
    """The number of elements surveys/results/_question.html writes for the QuestionResults
    `r` on the page (an SVG chart counts as one); tests compare it with the rendering."""
    n = 3  # section, h2, the first paragraph
    quotes = sum(1 + normalize_newlines(quote).count("\n") for quote in r.quotes)  # <br>s
    if r.question.is_text or not r.enough:
        return n + quotes
    n += 1 if r.mean is not None or r.values_withheld else 0
    if r.chart:
        cells = len(r.cells)
        if r.groups:  # svg, div, table, caption, thead, its row and 2 headers, tbody
            n += 9 + cells + len(r.groups) * (3 + cells)
        else:  # svg, details, summary, table, caption, tbody; a row, header and cell each
            n += 6 + 3 * cells
    if r.quotes:
        n += 1 + quotes
    return n


@dataclass
class ResultsPage:
    """One page of a survey's results: `questions` are the QuestionResults numbered `first` to
    `last` (from 1) of `total`."""

    number: int
    count: int  # of pages
    first: int
    last: int
    total: int
    questions: list

    @property
    def has_other_pages(self):
        return self.count > 1

    @property
    def previous_number(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self):
        return self.number + 1 if self.number < self.count else None

    def numbers(self):
        """The page numbers to link, None for an ellipsis: the first, the last, and two on
        each side of this one."""
        shown = [
            n for n in range(1, self.count + 1)
            if n in (1, self.count) or abs(n - self.number) <= 2
        ]  # fmt: skip
        out = []
        for n in shown:
            if out and n - out[-1] > 1:
                out.append(None)
            out.append(n)
        return out


def _pack(weights, budget, most):
    """(start, stop) of pages of at most `most` questions whose weights fit in `budget` (a
    question heavier than the budget has a page of its own)."""
    bounds, start, used = [], 0, 0
    for i, weight in enumerate(weights):
        if i > start and (i - start == most or used + weight > budget):
            bounds.append((start, i))
            start, used = i, 0
        used += weight
    bounds.append((start, len(weights)))  # an empty survey has one page, empty
    return bounds


def page_bounds(questions, frame):
    """Where the pages of `questions` start and stop: each page holds what fits in the budget
    beside its `frame` of elements, at least one question, at most PAGE_QUESTIONS; and as
    evenly as the same number of pages allows (21 questions: 7, 7 and 7, not 10, 10 and 1)."""
    weights = [question_weight(r) for r in questions]
    budget = PAGE_BUDGET - frame
    bounds = _pack(weights, budget, PAGE_QUESTIONS)
    even = _pack(weights, budget, -(-len(weights) // len(bounds)))
    return even if len(even) == len(bounds) else bounds


def results_page_of(request, survey_results, breakdown_options):
    """The page of results asked by ?page= (1 without it); Http404 for any other value than a
    page number of this survey."""
    asked = request.GET.get("page", "1")
    if not asked.isascii() or not asked.isdigit():
        raise Http404
    frame = PAGE_FRAME + len(breakdown_options)  # the split select: an option each
    bounds = page_bounds(survey_results.questions, frame)
    number = int(asked)
    if not 1 <= number <= len(bounds):
        raise Http404
    start, stop = bounds[number - 1]
    return ResultsPage(
        number=number,
        count=len(bounds),
        first=start + 1,
        last=stop,
        total=len(survey_results.questions),
        questions=survey_results.questions[start:stop],
    )


def results_context(request, slug, seen=None):
    """`seen`: (survey, preview) when the caller already has them."""
    survey, preview = seen or visible_survey(request, slug)
    survey_results = results(survey, breakdown=breakdown_id(request))
    return {
        "survey": survey,
        "preview": preview,
        "results": survey_results,
        "breakdown_questions": breakdown_questions(survey_results),
    }


@public_page  # visitors without a cookie share one rendering until anything is written
def results_page(request, slug):
    """The results, a page of questions at a time (the printable report holds them all)."""
    context = results_context(request, slug)
    context["page"] = results_page_of(request, context["results"], context["breakdown_questions"])
    return render(request, "surveys/results/page.html", context)


@login_required
def publication(request, slug):
    survey = survey_for_organiser(request, slug)
    questions = list(survey.questions.all())
    form = PublicationForm(request.POST or None, survey=survey, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            publishing.set_publication(
                survey,
                results_when=form.cleaned_data["results_when"],
                threshold=form.cleaned_data["threshold"],
                published=set(form.cleaned_data["published"]),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("What is published is saved."))
            return redirect("surveys:publication", slug=survey.slug)
    texts = [q for q in questions if q.kind in TEXT_KINDS or q.allow_other]
    context = {"survey": survey, "form": form, "texts": texts}
    status = 400 if form.errors else 200
    return render(request, "surveys/manage/publication.html", context, status=status)


@login_required
def quotes(request, slug, survey_question_id):
    """A question's written answers (a text question's, a choice question's "other"), 50 a
    page, each with "publish this quote"."""
    survey = survey_for_organiser(request, slug)
    question = get_object_or_404(survey.questions, pk=survey_question_id)
    answers = question.answers.exclude(text="").order_by("pk")
    page = Paginator(answers, QUOTES_PAGE).get_page(request.GET.get("page"))
    if request.method == "POST":
        on_page = {a.pk for a in page}
        quoted = {int(v) for v in request.POST.getlist("quoted") if v.isdigit()}
        publishing.set_quotes(question, on_page=on_page, quoted=quoted)
        messages.success(request, _("The quotes of this page are saved."))
        return redirect(f"{request.path}?page={page.number}")
    context = {"survey": survey, "question": question, "page": page}
    return render(request, "surveys/manage/quotes.html", context)
