"""CSV exports open in a French spreadsheet on the first try, and never run a formula."""

import csv
import io

from entraide.core.spreadsheet import csv_download


def exported(*rows):
    response, writer = csv_download("essai.csv")
    for row in rows:
        writer.writerow(row)
    return response


def test_a_csv_export_is_utf8_with_a_bom_and_semicolons_as_a_french_spreadsheet_expects():
    response = exported(["Nom", "Inscrit·e le (heure de Paris)"], ["Zoé", "26/11/2026 14:05"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="essai.csv"'
    assert response.content == (
        b"\xef\xbb\xbfNom;Inscrit\xc2\xb7e le (heure de Paris)\r\nZo\xc3\xa9;26/11/2026 14:05\r\n"
    )


def test_a_cell_with_a_semicolon_a_quote_or_a_line_break_stays_one_cell():
    response = exported(["Nom", "Besoins"], ["Dupont; Jean", 'Rampe "large"\nBoucle magnétique'])
    body = response.content.decode("utf-8")
    assert body == ('\ufeffNom;Besoins\r\n"Dupont; Jean";"Rampe ""large""\nBoucle magnétique"\r\n')
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["Nom", "Besoins"], ["Dupont; Jean", 'Rampe "large"\nBoucle magnétique']]


def test_a_cell_that_looks_like_a_formula_is_neutralised():
    response = exported(["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "%a", "\tx", "Zoé=1"])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(A1)", "'%a", "'\tx", "Zoé=1"]]
