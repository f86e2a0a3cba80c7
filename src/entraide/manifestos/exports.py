"""A published version of a manifesto in other forms: a Markdown file, and an EPUB 3 book
(a cover with the title, the version and its date, one chapter per section, the confirmed
signatories at the end, a navigation document). The printable page is a template
(manifestos/print.html) with its print stylesheet.

Every text that people wrote reaches the book through an autoescaped template, and the
sections as their sanitized HTML (body_html, made by core.markdown), which ebooklib re-parses
and writes as XHTML."""

import io
import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from ebooklib import epub

from entraide.manifestos.services.signatures import confirmed_signatures

EPUB_NAMESPACE = uuid.UUID("5f0d3c1e-6a52-4c55-9a53-2f7d0b1c9e41")  # identifiers of our books


def filename(version, extension) -> str:
    return f"{version.manifesto.slug}-v{version.number}.{extension}"


def published_on(version) -> str:
    return formats.date_format(version.published_at, "j F Y")


def markdown(version, sections) -> str:
    """The version as one Markdown document: its title, version and date, its note, then each
    section as a numbered second-level heading followed by its text as written."""
    manifesto = version.manifesto
    lines = [f"# {manifesto.title}", ""]
    lines += [
        _("Version %(label)s, published on %(date)s")
        % {"label": version.label, "date": published_on(version)},
        "",
    ]
    if version.note:
        lines += [version.note.strip(), ""]
    for number, section in enumerate(sections, start=1):
        lines += [f"## {number}. {section.title}", "", section.body.strip(), ""]
    lines.append(settings.ENTRAIDE_SITE_URL + manifesto.get_absolute_url())
    return "\n".join(lines) + "\n"


def _page(book, name, title, template, context):
    page = epub.EpubHtml(title=title, file_name=name, lang=book.language)
    page.content = render_to_string(f"manifestos/epub/{template}", context)
    page.add_link(href="style.css", rel="stylesheet", type="text/css")
    book.add_item(page)
    return page


def epub_book(version, sections, *, language=None) -> bytes:
    """The version as an EPUB 3 file, in `language` (the site's by default): the words the
    book adds ("Signatories"…) are in it, and it is the book's declared language."""
    language = language or settings.LANGUAGE_CODE
    manifesto = version.manifesto
    with translation.override(language):
        book = epub.EpubBook()
        book.set_identifier(
            "urn:uuid:" + str(uuid.uuid5(EPUB_NAMESPACE, f"{manifesto.pk}:{version.number}"))
        )
        book.set_title(f"{manifesto.title} ({version.label})")
        book.set_language(language)
        book.add_author(manifesto.place.name)
        book.add_metadata("DC", "date", version.published_at.date().isoformat())
        book.add_metadata("DC", "publisher", manifesto.place.name)
        style = epub.EpubItem(
            uid="style",
            file_name="style.css",
            media_type="text/css",
            content=render_to_string("manifestos/epub/style.css").encode(),
        )
        book.add_item(style)
        context = {"manifesto": manifesto, "version": version, "date": published_on(version)}
        cover = _page(book, "cover.xhtml", _("Cover"), "cover.xhtml", context)
        chapters = [
            _page(
                book,
                f"section-{number}.xhtml",
                f"{number}. {section.title}",
                "section.xhtml",
                {"section": section, "number": number},
            )
            for number, section in enumerate(sections, start=1)
        ]
        signatories = list(confirmed_signatures(version))
        end = _page(
            book,
            "signatories.xhtml",
            _("Signatories"),
            "signatories.xhtml",
            {**context, "signatures": signatories},
        )
        book.toc = [cover, *chapters, end]
        book.add_item(epub.EpubNcx())
        nav = epub.EpubNav(title=_("Contents"))
        nav.add_link(href="style.css", rel="stylesheet", type="text/css")
        book.add_item(nav)
        book.spine = [cover, nav, *chapters, end]
        out = io.BytesIO()
        epub.write_epub(out, book, {"epub3_pages": False})
    return out.getvalue()
