"""The printable report of the results, and the same as a PDF made on the server."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from entraide.surveys.views.results import results_context

REPORT = "surveys/results/report.html"


def report_context(request, slug):
    return {**results_context(request, slug), "report": True, "generated_at": timezone.now()}


def report(request, slug):
    context = report_context(request, slug)
    return HttpResponse(render_to_string(REPORT, context, request=request))


def report_pdf(request, slug):
    from entraide.surveys.pdf import html_to_pdf  # WeasyPrint is heavy: loaded for PDFs only

    context = report_context(request, slug)
    html = render_to_string(REPORT, context, request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    survey = context["survey"]
    response["Content-Disposition"] = f'inline; filename="resultats-{survey.slug}.pdf"'
    return response
