"""The streamed XLSX writer (console/reports/xlsx.py), read back with openpyxl: typed
cells, formats, awkward text, and bytes that leave before the last row is written."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from console.reports.xlsx import column_letter, sheet_name, xlsx_chunks

LABELS = ["Id", "On", "At", "Name", "Amount", "Rate"]
KINDS = ["int", "date", "datetime", "text", "money", "percent"]


def read(chunks) -> list[tuple]:
    data = b"".join(chunks)
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book, [tuple(c.value for c in row) for row in book.active.iter_rows()]


def test_values_come_back_typed_and_formatted():
    rows = [
        (
            1,
            date(2026, 12, 3),
            datetime(2026, 12, 3, 8, 35, tzinfo=UTC),  # 14:05 in IST
            "Rao & Sons <Pvt> \x01",
            Decimal("12345678.90"),
            Decimal("18.50"),
        ),
        (2, None, None, "  padded  ", Decimal("0.00"), "—"),
    ]
    book, got = read(xlsx_chunks("Payment register: Dec/Jan", LABELS, KINDS, rows))
    sheet = book.active
    assert sheet.title == "Payment register  Dec Jan"
    assert got[0] == tuple(LABELS) and sheet["A1"].font.b
    assert got[1] == (
        1,
        datetime(2026, 12, 3),
        datetime(2026, 12, 3, 14, 5),
        "Rao & Sons <Pvt> ",
        12345678.9,
        18.5,
    )
    assert got[2] == (2, None, None, "  padded  ", 0, "—")
    assert sheet["E2"].number_format.startswith("[>=10000000]")
    assert sheet["B2"].number_format == "dd mmm yyyy"
    assert sheet["F2"].number_format == "0.00"


def test_the_file_streams_before_the_last_row():
    produced = []

    def rows():
        for i in range(5000):
            produced.append(i)
            yield (i, date(2026, 1, 1), None, f"ref {i}", Decimal("10.00"), Decimal("1.00"))

    chunks = xlsx_chunks("Big", LABELS, KINDS, rows())
    first = next(chunks)
    while not first:
        first = next(chunks)
    assert len(produced) < 5000  # bytes left before the generator was drained
    _, got = read([first, *chunks])
    assert len(got) == 5001 and got[-1][0] == 4999


@given(st.integers(min_value=0, max_value=20000))
def test_column_letters_count_like_a_spreadsheet(index):
    letters = column_letter(index)
    value = 0
    for ch in letters:
        value = value * 26 + (ord(ch) - 64)
    assert value - 1 == index


def test_sheet_names_are_legal():
    assert sheet_name("") == "Report"
    assert len(sheet_name("x" * 40)) == 31
