"""PDF made on the server by WeasyPrint, which never fetches anything over the network: it
reads our static files (the stylesheet) from the disk and refuses every other address.
WeasyPrint is heavy to import: import this module where a PDF is made, not at start-up."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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
    def fetch(self, url, headers=None):
        found = static_file(url)
        if found is None:
            raise ValueError(f"a PDF does not fetch {url}")
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": mime})


def html_to_pdf(html: str, base_url: str) -> bytes:
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnly()).write_pdf()
