"""A published version to take away: the Markdown file, the printable page, the EPUB book
(checked by epubcheck, the validator of the EPUB standard)."""

import io
import os
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from entraide.manifestos.models import Signature
from entraide.manifestos.tests.publishing import publish, rewrite_section, write_sections
from tests.factories import PlaceFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def url(name, version):
    return reverse(f"manifestos:{name}", args=[version.manifesto.slug, version.number])


def sign(version, name, *, organisation="", place=None, confirmed=True):
    n = Signature.objects.count()
    return Signature.objects.create(
        version=version, name=name, email=f"s{n}@example.org", organisation=organisation,
        place=place, link_key=f"k{n}", token_digest=f"d{n}",
        confirmed_at=timezone.now() if confirmed else None,
    )  # fmt: skip


# Markdown


def test_the_markdown_file_holds_the_version_as_written(client, manifesto, version):
    response = client.get(url("markdown", version))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="{manifesto.slug}-v0.md"')
    text = response.content.decode()
    assert text.startswith(f"# {manifesto.title}\n")
    assert "V0" in text.splitlines()[2]
    assert "## 1. Sobriété\n\nNous voulons des outils **sobres** :\n\n- réparables" in text
    assert "## 2. Partage\n\nLes savoirs se *partagent* : [voir](https://example.org/partage)." in (
        text
    )


def test_each_version_keeps_its_own_text(client, manifesto, version, bob):
    section = manifesto.sections.get(title="Partage")
    rewrite_section(section, bob, title="Partage des savoirs", body="Autrement.")
    newer = publish(manifesto, by=bob)

    assert "## 2. Partage\n" in client.get(url("markdown", version)).content.decode()
    assert "## 2. Partage des savoirs\n" in client.get(url("markdown", newer)).content.decode()
    missing = reverse("manifestos:markdown", args=[manifesto.slug, 7])
    assert client.get(missing).status_code == 404


# The printable page


def test_the_printable_page_shows_the_version_its_date_and_each_section(client, manifesto, version):
    response = client.get(url("print", version))

    assert response.status_code == 200
    page = squeeze(response.text)
    assert "manifestos/print" in page  # its stylesheet
    assert "V0" in page
    assert str(version.published_at.year) in page
    assert page.count('class="printable-section"') == 2
    assert "<strong>sobres</strong>" in page  # the sections as formatted
    assert '<h2 id="section-2">2. Partage</h2>' in page


def test_the_print_stylesheet_hides_the_navigation_and_breaks_pages_before_sections():
    from django.contrib.staticfiles import finders

    css = open(finders.find("manifestos/print.css"), encoding="utf-8").read()  # noqa: SIM115
    printed = css.split("@media print", 1)[1]
    assert ".site-header" in printed
    assert "display: none" in printed
    assert ".printable-section ~ .printable-section { break-before: page" in printed


# EPUB


def epub_of(client, version):
    response = client.get(url("epub", version))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/epub+zip"
    return response.content


def test_the_epub_has_a_cover_a_chapter_per_section_and_the_signatories(client, manifesto, version):
    sign(version, "Amina Diallo", organisation="Asso Lien")
    sign(version, "Pas confirmée", confirmed=False)

    book = zipfile.ZipFile(io.BytesIO(epub_of(client, version)))

    names = book.namelist()
    assert names[0] == "mimetype"
    assert {"EPUB/cover.xhtml", "EPUB/section-1.xhtml", "EPUB/section-2.xhtml"} <= set(names)
    opf = book.read("EPUB/content.opf").decode()
    assert "<dc:language>fr</dc:language>" in opf
    assert 'properties="nav"' in opf
    cover = book.read("EPUB/cover.xhtml").decode()
    assert manifesto.title in cover
    assert "V0" in cover
    assert "<strong>sobres</strong>" in book.read("EPUB/section-1.xhtml").decode()
    end = book.read("EPUB/signatories.xhtml").decode()
    assert "Amina Diallo" in end
    assert "Asso Lien" in end
    assert "Pas confirmée" not in end


def test_a_script_in_a_name_stays_text_in_the_epub(client, manifesto, version):
    sign(version, "<script>alert(1)</script>", organisation="<b>Asso</b>")

    book = zipfile.ZipFile(io.BytesIO(epub_of(client, version)))
    end = book.read("EPUB/signatories.xhtml").decode()

    assert "<script" not in end
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in end
    assert "&lt;b&gt;Asso&lt;/b&gt;" in end


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


def test_the_epub_passes_epubcheck_without_error_or_warning(
    client, manifesto, version, tmp_path, bob
):
    checker = epubcheck_or_skip()
    write_sections(
        manifesto,
        bob,
        [
            (
                "Code & citations",
                "Un `code`, une citation :\n\n> Faire **ensemble**.\n\n1. un\n2. deux",
            ),
            (
                "Lien brut",
                "Voir [ce lien](https://example.org/a?b=1&c=2) et l’espace\u00a0insécable.",
            ),
        ],
    )
    newer = publish(manifesto, by=bob)
    sign(newer, "<script>alert(1)</script>", place=PlaceFactory(name="La Verrière & co"))
    sign(newer, "Zoé", organisation="Asso « Lien »")
    path = tmp_path / "manifeste.epub"
    path.write_bytes(epub_of(client, newer))

    result = subprocess.run(  # noqa: S603 - epubcheck on the book just written
        [*checker, str(path)], capture_output=True, text=True, check=False
    )

    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "No errors or warnings detected" in report, report


@pytest.mark.parametrize("count", [1, 30])
def test_the_epub_costs_the_same_queries_with_1_or_30_signatures(
    client, manifesto, version, count, django_assert_num_queries
):
    for n in range(count):
        sign(version, f"Signataire {n}", place=PlaceFactory() if n % 2 else None)
    # the version with its manifesto and place, its sections, the signatories with their places
    with django_assert_num_queries(3):
        book = zipfile.ZipFile(io.BytesIO(epub_of(client, version)))
    assert f"Signataire {count - 1}" in book.read("EPUB/signatories.xhtml").decode()
