"""The anthology's files: an EPUB 3 book (ebooklib), the printable page and a PDF made from it
on the server (WeasyPrint, through core.pdf, which never reaches the network).

Each holds a title page with the date of the export, the introduction, one chapter per story
("Portrait of <the name the interviewee chose>", its authors, its text) and a colophon listing
the stories it contains with that date. The stories given are those public at build time
(services.anthology.public_entries). A photo goes in only while the interviewee's consent
covers it (`photo_is_public`), with its description as alternative text; audio never does.

Every text people wrote reaches the files through autoescaped templates, and the stories'
text as their sanitised HTML (body_html), which ebooklib re-parses and writes as XHTML."""

import io
import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from entraide.stories.models import AnthologyExport, Author

EPUB_NAMESPACE = uuid.UUID("0b7c5a0e-4f6e-4f2b-9f0d-5d3c2a9e7b61")  # identifiers of our books
T = "stories/anthology/"
PDF_BASE = "https://recueil.invalid/"  # the address the PDF's parts are laid out at
BOOK_IMAGES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
}


class BuildError(Exception):
    """A build refused for a reason the editor can act on (its message is for them)."""


def filename(export) -> str:
    anthology = export.anthology
    name = f"{anthology.collection.slug}-{anthology.pk}-{export.pk}.{export.format}"
    return f"stories/anthologies/{name}"


def download_name(export) -> str:
    return f"recueil-{export.anthology.collection.slug}-{export.pk}.{export.format}"


def language_of(export) -> str:
    user = export.requested_by
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def with_authors(stories):
    """The stories with their confirmed authors (one query for all)."""
    confirmed = Author.objects.filter(user__isnull=False, accepted_at__isnull=False)
    prefetch_related_objects(
        stories, Prefetch("authors", queryset=confirmed.select_related("user"), to_attr="credited")
    )
    return stories


def photo_of(story):
    """(bytes, mime type, extension) of the story's photo if its consent covers it and the file
    is there; JPEG, PNG and GIF as they are, any other image as PNG (what every reader shows)."""
    if not story.photo_is_public:
        return None
    try:
        with default_storage.open(story.photo.name) as stored:
            content = stored.read()
        image = Image.open(io.BytesIO(content))
        if image.format not in BOOK_IMAGES:
            out = io.BytesIO()
            image.save(out, "PNG")
            content, image_format = out.getvalue(), "PNG"
        else:
            image_format = image.format
    except (OSError, UnidentifiedImageError):
        return None
    mime, extension = BOOK_IMAGES[image_format]
    return content, mime, extension


def items(stories, photo_src=None):
    """What the templates show of each story: its number, authors' names, photo address."""
    result = []
    for number, story in enumerate(with_authors(stories), start=1):
        names = [author.user.public_name for author in getattr(story, "credited", [])]
        photo = photo_src(story) if photo_src else None
        result.append(
            {"number": number, "story": story, "authors": get_text_list(names, _("and")),
             "name": story.credited_name(), "photo": photo}
        )  # fmt: skip
    return result


def context(anthology, stories, *, built_at, photo_src=None) -> dict:
    collection = anthology.collection
    return {
        "anthology": anthology,
        "collection": collection,
        "place": collection.place,
        "items": items(stories, photo_src),
        "built_at": built_at,
        "date": formats.date_format(built_at, "DATE_FORMAT"),
        "site_url": settings.ENTRAIDE_SITE_URL,
    }


# --- EPUB 3 -----------------------------------------------------------------------------------


def _page(book, name, title, template, context):
    from ebooklib import epub

    page = epub.EpubHtml(title=title, file_name=name, lang=book.language)
    page.content = render_to_string(T + "epub/" + template, context)
    page.add_link(href="style.css", rel="stylesheet", type="text/css")
    book.add_item(page)
    return page


def epub_book(anthology, stories, *, built_at, language, identifier, progress=None) -> bytes:
    from ebooklib import epub

    progress = progress or (lambda percent: None)
    with translation.override(language):
        book = epub.EpubBook()
        book.set_identifier(f"urn:uuid:{uuid.uuid5(EPUB_NAMESPACE, identifier)}")
        book.set_title(anthology.title)
        book.set_language(language)
        book.add_author(anthology.collection.place.name)
        book.add_metadata("DC", "publisher", anthology.collection.place.name)
        book.add_metadata("DC", "date", built_at.date().isoformat())
        book.add_metadata("DC", "description", anthology.collection.title)
        style = render_to_string(T + "epub/style.css").encode()
        book.add_item(
            epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=style)
        )
        base = context(anthology, stories, built_at=built_at)
        title_page = _page(book, "title.xhtml", anthology.title, "title.xhtml", base)
        front = [title_page]
        if anthology.introduction_html:
            front.append(_page(book, "introduction.xhtml", _("Introduction"), "intro.xhtml", base))
        chapters = []
        total = len(base["items"])
        for item in base["items"]:
            story = item["story"]
            photo = photo_of(story)
            if photo:
                content, mime, extension = photo
                item["photo"] = f"images/photo-{item['number']}.{extension}"
                book.add_item(
                    epub.EpubImage(
                        uid=f"photo-{item['number']}", file_name=item["photo"],
                        media_type=mime, content=content,
                    )
                )  # fmt: skip
            chapters.append(
                _page(book, f"story-{item['number']}.xhtml", story.title, "story.xhtml",
                      {**base, "item": item})
            )  # fmt: skip
            progress(90 * item["number"] / total)
        colophon = _page(
            book, "colophon.xhtml", _("This anthology contains"), "colophon.xhtml", base
        )
        book.toc = [*front, *chapters, colophon]
        book.add_item(epub.EpubNcx())
        nav = epub.EpubNav(title=_("Contents"))
        nav.add_link(href="style.css", rel="stylesheet", type="text/css")
        book.add_item(nav)
        book.spine = [title_page, nav, *front[1:], *chapters, colophon]
        out = io.BytesIO()
        epub.write_epub(out, book, {"epub3_pages": False})
    return out.getvalue()


# --- The printable page and the PDF -----------------------------------------------------------


def printable(anthology, stories, *, built_at, request=None) -> str:
    """The printable page: photos served by the stories' photo view (which checks consent)."""
    page = context(
        anthology, stories, built_at=built_at,
        photo_src=lambda story: story.photo_url() if story.photo_is_public else None,
    )  # fmt: skip
    return render_to_string(T + "print.html", page, request=request)


def pdf(anthology, stories, *, built_at, language, progress=None) -> bytes:
    """The printable page laid out by WeasyPrint, part by part (the title page and
    introduction, each story, the colophon: each starts a page), then joined into one PDF."""
    from entraide.core.pdf import document

    progress = progress or (lambda percent: None)
    files = {}

    def photo_src(story):
        photo = photo_of(story)
        if photo is None:
            return None
        address = f"{PDF_BASE}photo/{story.pk}.{photo[2]}"
        files[address] = photo[0], photo[1]
        return address

    with translation.override(language):
        base = context(anthology, stories, built_at=built_at, photo_src=photo_src)
        parts = [("front", None), *[("story", item) for item in base["items"]], ("colophon", None)]
        documents = []
        for done, (part, item) in enumerate(parts, start=1):
            html = render_to_string(
                T + "pdf_part.html", {**base, "part": part, "item": item, "language": language}
            )
            documents.append(document(html, PDF_BASE, files=files))
            progress(95 * done / len(parts))
        pages = [page for laid_out in documents for page in laid_out.pages]
        return documents[0].copy(pages).write_pdf()


def build(export, stories, *, built_at, progress=None) -> bytes:
    language = language_of(export)
    anthology = export.anthology
    if export.format == AnthologyExport.Format.EPUB:
        identifier = f"anthology:{anthology.pk}:{export.pk}"
        return epub_book(
            anthology, stories, built_at=built_at, language=language, identifier=identifier,
            progress=progress,
        )  # fmt: skip
    if export.format == AnthologyExport.Format.PDF:
        return pdf(anthology, stories, built_at=built_at, language=language, progress=progress)
    raise BuildError(_("Unknown format."))
