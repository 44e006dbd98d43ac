"""Staff exports: CSV that Excel opens, XLSX, and no spreadsheet formulas from user data."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from mondinsieme.exports import export_response

HEADERS = ["nome", "note", "numero", "attiva", "dal"]
ROWS = [
    ["Associazione Plai APS", '=HYPERLINK("http://evil")', 12, True, date(2022, 5, 1)],
    ["Coro interculturale", "+39 0522 000000", 3.5, False, None],
    ["-1+1", "@SUM(A1)", 0, False, "\tcella"],
]


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_is_an_attachment_with_headers_and_rows():
    response = export_response(headers=HEADERS, rows=ROWS, filename="associazioni", fmt="csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="associazioni-')
    assert response["Content-Disposition"].endswith('.csv"')
    rows = _csv_rows(response)
    assert rows[0] == HEADERS
    assert rows[1][0] == "Associazione Plai APS"
    assert rows[1][2:] == ["12", "✓", "2022-05-01"]
    assert rows[2][3:] == ["", ""]


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (1, 1, '\'=HYPERLINK("http://evil")'),
        (2, 1, "'+39 0522 000000"),
        (3, 0, "'-1+1"),
        (3, 1, "'@SUM(A1)"),
        (3, 4, "'\tcella"),
    ],
)
def test_csv_cells_that_look_like_formulas_are_neutralised(row, column, expected):
    rows = _csv_rows(export_response(headers=HEADERS, rows=ROWS, filename="x", fmt="csv"))

    assert rows[row][column] == expected


def test_numbers_stay_numbers_even_when_negative():
    rows = _csv_rows(export_response(headers=["n"], rows=[[-5]], filename="x", fmt="csv"))

    assert rows[1] == ["-5"]


def test_xlsx_is_a_workbook_with_the_same_safe_cells():
    response = export_response(headers=HEADERS, rows=ROWS, filename="associazioni", fmt="xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == HEADERS
    assert values[1][0] == "Associazione Plai APS"
    assert values[1][1] == '\'=HYPERLINK("http://evil")'
    assert values[1][2] == 12
    assert sheet.title == "associazioni"
