# ruff: noqa: F811 - the fixtures of anthology_scenes are imported by name
"""The anthology's files, built by the worker (run at once here): the EPUB (checked by
epubcheck, the validator of the EPUB standard), the PDF, what each holds and states."""

import io
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from entraide.stories.models import AnthologyExport, Story
from entraide.stories.services import anthology as services
from entraide.stories.tests.anthology_scenes import (  # noqa: F401
    add_partner,
    anthology,
    build_now,
    immediate_tasks,
    stories,
    with_photo,
)
from entraide.stories.tests.conftest import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def epubcheck_or_skip() -> list[str]:
    """The command that runs epubcheck. Debian's is the jar itself, which runs as a program
    only where binfmt_misc knows jars (not in most containers): then through `java -jar`."""
    path = shutil.which("epubcheck")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("epubcheck is missing: .ci/run installs it (apt-get install epubcheck)")
        pytest.skip("epubcheck is not installed (apt-get install epubcheck)")
    real = os.path.realpath(path)
    return ["java", "-jar", real] if real.endswith(".jar") else [path]


def book_of(export):
    with default_storage.open(export.file.name) as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def chapters(book):
    return sorted(
        (n for n in book.namelist() if re.match(r"EPUB/story-\d+\.xhtml", n)),
        key=lambda n: int(re.search(r"\d+", n).group()),
    )


def test_the_epub_holds_the_stories_in_order_with_the_date_and_the_list(
    anthology, stories, bob, django_capture_on_commit_callbacks
):
    services.move_story(anthology, stories[2].pk, -2)

    export = build_now(anthology, "epub", bob, django_capture_on_commit_callbacks)

    assert (export.status, export.progress, export.error) == (AnthologyExport.Status.DONE, 100, "")
    assert export.size == default_storage.size(export.file.name) > 0
    assert [s["title"] for s in export.stories] == [
        "Quitter la tour", "Réparer ensemble", "L’énergie des femmes"
    ]  # fmt: skip
    book = book_of(export)
    titles = [re.search(r"<h1>(.*?)</h1>", book.read(n).decode()).group(1) for n in chapters(book)]
    assert titles == ["Quitter la tour", "Réparer ensemble", "L’énergie des femmes"]
    first = book.read("EPUB/story-1.xhtml").decode()
    assert "Portrait de Le Méditant" in first
    assert "Par Alice" in first
    assert "Marc Petit" not in first  # credited by the pseudonym chosen
    date = f"{export.built_at.day}"
    title_page = book.read("EPUB/title.xhtml").decode()
    assert "Exporté le" in title_page
    assert date in title_page
    colophon = book.read("EPUB/colophon.xhtml").decode()
    assert "Ce recueil contient" in colophon
    assert colophon.index("Quitter la tour") < colophon.index("Réparer ensemble")
    assert "Trois <strong>portraits</strong>." in book.read("EPUB/introduction.xhtml").decode()
    opf = book.read("EPUB/content.opf").decode()
    assert "<dc:language>fr</dc:language>" in opf
    assert f"<dc:date>{export.built_at.date().isoformat()}</dc:date>" in opf


def test_a_story_withdrawn_after_it_was_picked_is_left_out_and_the_editor_told(
    anthology, stories, bob, client, django_capture_on_commit_callbacks
):
    Story.objects.filter(pk=stories[1].pk).update(consented_text=False)  # consent withdrawn

    export = build_now(anthology, "epub", bob, django_capture_on_commit_callbacks)

    book = book_of(export)
    everything = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith("xhtml"))
    assert "L’énergie des femmes" not in everything
    assert "Awa Diallo" not in everything
    assert len(chapters(book)) == 2
    assert export.stories[-1] == {"id": stories[1].pk, "title": "L’énergie des femmes",
                                  "left_out": True}  # fmt: skip
    client.force_login(bob)
    page = client.get(anthology.manage_url()).content.decode()
    assert "Laissés de côté" in page


def test_a_photo_goes_in_with_its_description_only_while_consent_covers_it(
    anthology, stories, bob, django_capture_on_commit_callbacks
):
    with_photo(stories[0], alt="Joséphine & son <établi>")
    with_photo(stories[1], alt="Awa")
    Story.objects.filter(pk=stories[1].pk).update(consented_photo=False)

    book = book_of(build_now(anthology, "epub", bob, django_capture_on_commit_callbacks))

    images = [n for n in book.namelist() if n.startswith("EPUB/images/")]
    assert images == ["EPUB/images/photo-1.jpg"]
    first = book.read("EPUB/story-1.xhtml").decode()
    assert 'alt="Joséphine &amp; son &lt;établi&gt;"' in first
    assert "<img" not in book.read("EPUB/story-2.xhtml").decode()
    assert not any(n.endswith((".mp3", ".ogg", ".m4a")) for n in book.namelist())


def test_script_and_markup_in_titles_and_introduction_stay_text(
    anthology, stories, bob, django_capture_on_commit_callbacks
):
    anthology.title = "<script>alert(1)</script> & co"
    anthology.introduction = "<script>alert(2)</script> Des <b>récits</b> & <i>des voix"
    anthology.save()
    Story.objects.filter(pk=stories[0].pk).update(title="Réparer <em>ensemble</em> & <vite")

    book = book_of(build_now(anthology, "epub", bob, django_capture_on_commit_callbacks))

    for name in book.namelist():
        if name.endswith(("xhtml", "opf", "ncx")):
            text = book.read(name).decode()
            assert "<script" not in text, name
    title_page = book.read("EPUB/title.xhtml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in title_page
    assert (
        "Réparer &lt;em&gt;ensemble&lt;/em&gt; &amp; &lt;vite"
        in book.read("EPUB/story-1.xhtml").decode()
    )


def test_the_epub_passes_epubcheck_without_error_or_warning(
    anthology, stories, bob, tmp_path, alice, django_capture_on_commit_callbacks
):
    checker = epubcheck_or_skip()
    with_photo(stories[0], alt="Joséphine & son <établi>", fmt="PNG")
    with_photo(stories[2], fmt="WEBP")  # made PNG in the book
    Story.objects.filter(pk=stories[1].pk).update(
        title="Code & citations <ici>",
        body_html="<p>Un <code>code</code> &amp; une citation :</p><blockquote><p>Faire "
        "<strong>ensemble</strong>.</p></blockquote><ol><li>un</li><li>deux</li></ol>"
        '<p><a href="https://example.org/a?b=1&amp;c=2">lien</a></p>',
    )
    anthology.introduction = "<script>x</script> L’espace\u00a0insécable & « guillemets »."
    anthology.save()
    path = tmp_path / "recueil.epub"
    with default_storage.open(
        build_now(anthology, "epub", bob, django_capture_on_commit_callbacks).file.name
    ) as stored:
        path.write_bytes(stored.read())

    result = subprocess.run(  # noqa: S603 - epubcheck on the book just written
        [*checker, str(path)], capture_output=True, text=True, check=False
    )

    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "No errors or warnings detected" in report, report


def test_the_pdf_holds_the_stories_one_per_page_at_least(
    anthology, stories, bob, django_capture_on_commit_callbacks
):
    with_photo(stories[0])

    export = build_now(anthology, "pdf", bob, django_capture_on_commit_callbacks)

    assert (export.status, export.progress) == (AnthologyExport.Status.DONE, 100)
    with default_storage.open(export.file.name) as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-")
    assert len(content) == export.size > 2000
    assert [s["title"] for s in export.stories] == [s.title for s in stories]


def test_the_pdf_lays_out_the_titles_in_order_a_page_each_at_least(anthology, stories, monkeypatch):
    """What WeasyPrint laid out, page by page (no PDF text extractor is a dependency)."""
    import entraide.core.pdf as core_pdf
    from entraide.stories import anthology_exports

    laid_out, real = [], core_pdf.document
    monkeypatch.setattr(core_pdf, "document", lambda *a, **k: laid_out.append(real(*a, **k))
                        or laid_out[-1])  # fmt: skip

    anthology_exports.pdf(anthology, stories, built_at=timezone.now(), language="fr")

    pages = [" ".join(_texts(page._page_box)) for document in laid_out for page in document.pages]
    assert len(pages) >= 3 + len(stories)  # the title page, the introduction, each, the list
    text = " ".join(pages)
    positions = [text.index(s.title) for s in stories]
    assert positions == sorted(positions)
    assert "Ce recueil contient" in pages[-1]
    assert "Exporté le" in pages[0]


def _texts(box):
    if hasattr(box, "text") and box.text:
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def test_a_failed_build_is_recorded_as_failed_with_its_reason_and_leaves_no_file(
    anthology, stories, bob, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    from entraide.stories import anthology_exports

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(anthology_exports, "epub_book", broken)
    before = stored_files(media_root)

    export = build_now(anthology, "epub", bob, django_capture_on_commit_callbacks)

    assert (export.status, export.error, export.file.name) == ("echec", "OSError", "")
    assert stored_files(media_root) == before


def test_a_build_whose_stories_all_left_fails_with_the_reason(
    anthology, stories, bob, django_capture_on_commit_callbacks
):
    export = services.request_export(anthology, format="epub", by=bob)  # not built yet
    Story.objects.filter(pk__in=[s.pk for s in stories]).update(consented_text=False)

    services.run_build(export.pk)

    export.refresh_from_db()
    assert export.status == AnthologyExport.Status.FAILED
    assert export.error == "Plus aucun récit du recueil n’est public."


def test_a_build_runs_once(anthology, stories, bob, django_capture_on_commit_callbacks):
    export = build_now(anthology, "epub", bob, django_capture_on_commit_callbacks)

    assert services.run_build(export.pk) == "skipped"


def test_withdrawing_consent_can_delete_the_exports_that_hold_the_story(
    anthology, stories, bob, media_root, django_capture_on_commit_callbacks
):
    holding = build_now(anthology, "epub", bob, django_capture_on_commit_callbacks)
    assert holding.stories[0]["id"] == stories[0].pk
    services.remove_story(anthology, stories[0].pk)
    without = build_now(anthology, "pdf", bob, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = services.delete_exports_holding(stories[0])

    assert deleted == 1
    assert list(AnthologyExport.objects.all()) == [without]
    assert stored_files(media_root) == [without.file.name]
