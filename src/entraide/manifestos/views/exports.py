"""A published version to take away: a Markdown file, a page to print, an EPUB book."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from entraide.core.page_cache import public_page
from entraide.manifestos import exports
from entraide.manifestos.models import Version


def _version(slug, number):
    version = get_object_or_404(
        Version.objects.select_related("manifesto__place"), manifesto__slug=slug, number=number
    )
    return version, list(version.sections.order_by("position"))


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public_page
def markdown(request, slug, number):
    version, sections = _version(slug, number)
    return _download(
        exports.markdown(version, sections),
        "text/markdown; charset=utf-8",
        exports.filename(version, "md"),
    )


@public_page
def printable(request, slug, number):
    version, sections = _version(slug, number)
    context = {
        "manifesto": version.manifesto,
        "version": version,
        "sections": sections,
        "date": exports.published_on(version),
    }
    return render(request, "manifestos/print.html", context)


@public_page
def epub(request, slug, number):
    version, sections = _version(slug, number)
    return _download(
        exports.epub_book(version, sections),
        "application/epub+zip",
        exports.filename(version, "epub"),
    )
