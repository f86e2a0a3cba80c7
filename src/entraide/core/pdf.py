"""PDF made on the server by WeasyPrint, which never fetches anything over the network: it
reads our static files (the stylesheet) from the disk, the files its caller hands it (a photo
read from storage, under an address of its choosing), and refuses every other address.
WeasyPrint is heavy to import: import this module where a PDF is made, not at start-up
(the survey report, the stories' anthology)."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from PIL import ImageFile

_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

# Importing WeasyPrint makes Pillow accept truncated images in the whole process: the photo
# checks of uploads (stories) would then take a cut file for a photo. Put the setting back.
ImageFile.LOAD_TRUNCATED_IMAGES = _truncated

# WeasyPrint warns about every rule of the site's stylesheet meant for screens only (media
# queries by width, :focus-visible…): expected, and noise in the logs.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def static_file(url) -> Path | None:
    """The file on the disk behind one of our static addresses (hashed or not), or None."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    name = path.removeprefix(settings.STATIC_URL)
    if ".." in name.split("/"):
        return None
    collected = Path(staticfiles_storage.location) / name
    if collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


class StaticOnly(URLFetcher):
    """Our static files, and `files`: {address: (bytes, mime type)} given by the caller."""

    def __init__(self, *args, files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.files = dict(files or {})

    def fetch(self, url, headers=None):
        if url in self.files:
            content, mime = self.files[url]
            return URLFetcherResponse(url, content, {"Content-Type": mime})
        found = static_file(url)
        if found is None:
            raise ValueError(f"a PDF does not fetch {url}")
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": mime})


def html_to_pdf(html: str, base_url: str, files=None) -> bytes:
    fetcher = StaticOnly(files=files)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()


def document(html: str, base_url: str, files=None):
    """The laid-out document (its pages), to join several into one PDF."""
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnly(files=files)).render()
