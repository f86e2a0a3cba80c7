"""CSV exports that a French spreadsheet opens on the first try, safely: UTF-8 with a byte order
mark, cells separated by semicolons (the comma is the decimal separator there), quoted when
they hold a semicolon, a quote or a line break, and never run as a formula."""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def spreadsheet_safe(value) -> str:
    """A cell that a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    def __init__(self, response):
        self._writer = csv.writer(response, delimiter=";")

    def writerow(self, row):
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def csv_download(filename) -> tuple[HttpResponse, SafeWriter]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheets read UTF-8
    return response, SafeWriter(response)
