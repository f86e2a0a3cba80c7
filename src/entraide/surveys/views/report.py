"""The printable report of the results, and the same as a PDF made on the server."""

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from entraide.core.page_cache import current_version, public_page
from entraide.surveys.views.results import breakdown_id, results_context, visible_survey

REPORT = "surveys/results/report.html"
PDF_KEPT = 15 * 60  # seconds a PDF is kept while nothing on the site changes


def report_context(request, slug, seen=None):
    context = results_context(request, slug, seen)
    return {**context, "report": True, "generated_at": timezone.now()}


@public_page
def report(request, slug):
    context = report_context(request, slug)
    return HttpResponse(render_to_string(REPORT, context, request=request))


def report_pdf(request, slug):
    from entraide.surveys.pdf import html_to_pdf  # WeasyPrint is heavy: loaded for PDFs only

    survey, preview = visible_survey(request, slug)
    # A PDF costs about a second of CPU: it is made once and kept until anything on the site
    # is written (the page cache's version), so that reloads and a crowd cost nothing.
    key = ":".join(
        str(part)
        for part in (
            "surveys.report-pdf", survey.pk, breakdown_id(request), preview, get_language(),
            current_version(),
        )
    )  # fmt: skip
    pdf = cache.get(key)
    if pdf is None:
        context = report_context(request, slug, (survey, preview))
        html = render_to_string(REPORT, context, request=request)
        pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
        cache.set(key, pdf, PDF_KEPT)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="resultats-{survey.slug}.pdf"'
    return response
