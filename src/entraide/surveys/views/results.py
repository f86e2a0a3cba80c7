"""The results page (public once the organisers publish it; a preview for them before), and
the organisers' choice of what is published: when, the smallest count shown, which questions,
which quotes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
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
    return render(request, "surveys/results/page.html", results_context(request, slug))


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
