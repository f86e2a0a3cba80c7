"""core.pdf: WeasyPrint without network, and without side effects on the rest of the process."""

import io

import pytest
from PIL import Image


def test_making_pdfs_leaves_pillow_refusing_truncated_images():
    from entraide.core.pdf import html_to_pdf

    html_to_pdf("<p>Bonjour</p>", base_url="https://example.invalid/")
    out = io.BytesIO()
    Image.new("RGB", (300, 300), (10, 200, 30)).save(out, "PNG")
    cut = Image.open(io.BytesIO(out.getvalue()[:400]))

    with pytest.raises(OSError, match="truncated"):
        cut.load()


def test_the_files_handed_over_are_fetched_and_nothing_else():
    from entraide.core.pdf import StaticOnly

    fetcher = StaticOnly(files={"https://x.invalid/photo/1.png": (b"png", "image/png")})

    assert fetcher.fetch("https://x.invalid/photo/1.png").read() == b"png"
    with pytest.raises(ValueError, match="does not fetch"):
        fetcher.fetch("https://x.invalid/photo/2.png")
