"""Downloads open safely in a spreadsheet: text that looks like a formula is not run."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from coproduce.core.spreadsheets import csv_response, formula_safe, xlsx_response


def test_text_starting_like_a_formula_gets_an_apostrophe() -> None:
    for text in ("=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert formula_safe(text) == f"'{text}"
    assert formula_safe("Willow House") == "Willow House"
    # Numbers stay numbers, negative ones too.
    assert formula_safe(-2) == -2


def test_csv_and_xlsx_hold_the_same_safe_rows() -> None:
    rows = [["Answer", "Count"], ['=HYPERLINK("x")', 3]]
    csv_text = b"".join(csv_response(rows, "a.csv").streaming_content).decode()  # type: ignore[arg-type]
    assert csv_text.splitlines() == ["Answer,Count", '"\'=HYPERLINK(""x"")",3']
    response = xlsx_response(rows, "a.xlsx", sheet_title="Results")
    assert response["Content-Disposition"] == 'attachment; filename="a.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Answer", "Count"),
        ('\'=HYPERLINK("x")', 3),
    ]
