"""Bounded uploads, for the whole site (the biggest file it takes is a story's audio).

- `UploadLimitMiddleware`, placed before anything reads the body (CSRF, NulByteMiddleware):
  a request announcing (Content-Length) a body over settings.ENTRAIDE_UPLOAD_MAX_BYTES gets
  a 413 and a page saying why, at once: nothing of the body is read, nothing written.
- `BoundedUploadHandler`, first of FILE_UPLOAD_HANDLERS: counts the bytes of the files as
  they stream in and stops the upload past the limit, whatever the headers said. The files
  themselves go to temporary files past FILE_UPLOAD_MAX_MEMORY_SIZE (Django's
  TemporaryFileUploadHandler), never whole in memory."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render

# This module imports nothing of the stories app (its models): the site runs with these
# settings whether the app is installed or not.
TOO_BIG_PAGES = ["stories/media/too_big.html", "400.html"]


def upload_max_bytes() -> int:
    """settings.ENTRAIDE_UPLOAD_MAX_BYTES: a story's audio (200 MB) and room for the form's
    other fields and the multipart envelope."""
    return settings.ENTRAIDE_UPLOAD_MAX_BYTES


def announced_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = upload_max_bytes()
        if announced_length(request) > limit:
            # The body is never read (a WSGI application may not say "Connection: close": the
            # server closes a connection whose request body was not consumed).
            return render(request, TOO_BIG_PAGES, {"limit": limit}, status=413)
        return self.get_response(request)


class BoundedUploadHandler(FileUploadHandler):
    """Stops an upload whose files, counted as they arrive, pass the limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.limit = upload_max_bytes()

    @property
    def cut_short(self) -> bool:
        return self.received > self.limit

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
