"""Bounded uploads, for the whole site (the biggest file it takes is a story's audio).

- `UploadLimitMiddleware`, placed before anything reads the body (CSRF, NulByteMiddleware):
  a request announcing a body over UPLOAD_MAX_BYTES (Content-Length) gets a 413 and a page
  saying why, at once: nothing of the body is read, nothing written to disk.
- `BoundedUploadHandler`, first of FILE_UPLOAD_HANDLERS: counts the bytes of the files as
  they stream in and stops the upload past the limit, whatever the headers said. The files
  themselves go to temporary files past FILE_UPLOAD_MAX_MEMORY_SIZE (Django's
  TemporaryFileUploadHandler), never whole in memory."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render

from entraide.stories.models import AUDIO_MAX_BYTES

# The audio's bound, and room for the form's other fields and the multipart envelope.
UPLOAD_MAX_BYTES = AUDIO_MAX_BYTES + 1024 * 1024


def announced_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if announced_length(request) > UPLOAD_MAX_BYTES:
            # The body is never read (a WSGI application may not say "Connection: close": the
            # server closes a connection whose request body was not consumed).
            return render(
                request, "stories/media/too_big.html", {"limit": UPLOAD_MAX_BYTES}, status=413
            )
        return self.get_response(request)


class BoundedUploadHandler(FileUploadHandler):
    """Stops an upload whose files, counted as they arrive, pass UPLOAD_MAX_BYTES."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > UPLOAD_MAX_BYTES:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
