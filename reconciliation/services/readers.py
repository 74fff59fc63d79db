"""The statement formats' readers (docs/reconciliation.md, "Bank statements"): each turns
an uploaded file into (file line number, rules.StatementRow) pairs, the one shape the rest
of the import (reconciliation.services.statements) knows. A reader raises
rules.RowInvalid naming the line; it never touches the database."""

import csv
import io
from collections.abc import Iterator

from reconciliation import mt940, rules
from reconciliation.models import StatementFormat


def _text_stream(file) -> io.TextIOBase:
    file.seek(0)
    return io.TextIOWrapper(file, encoding="utf-8-sig", newline="")


def _csv_rows(file) -> Iterator[tuple[int, rules.StatementRow]]:
    """(file line number, row) per data row of a CSV statement."""
    columns = None
    for number, cells in enumerate(csv.reader(_text_stream(file)), start=1):
        if not any(c.strip() for c in cells):
            continue
        if columns is None:
            columns = rules.header_map(cells)
            continue
        try:
            row = rules.row_parse(cells, columns)
        except rules.RowInvalid as exc:
            raise rules.RowInvalid(f"Line {number}: {exc}.") from None
        if row.credit and row.debit:
            raise rules.RowInvalid(f"Line {number}: a row is either a debit or a credit, not both.")
        yield number, row
    if columns is None:
        raise rules.RowInvalid("The file is empty.")


def _mt940_rows(file) -> Iterator[tuple[int, rules.StatementRow]]:
    """(file line number of the :61:, row) per statement line; each statement is read and
    its balance checked before any of its rows is given."""
    for statement in mt940.statements_parse(_text_stream(file)):
        for line in statement.lines:
            yield line.line_no, mt940.line_row(line)


def format_detect(file) -> str:
    file.seek(0)
    head = file.read(64).decode("utf-8", errors="replace")
    return StatementFormat.MT940 if mt940.looks_like_mt940(head) else StatementFormat.CSV


READERS = {StatementFormat.CSV: _csv_rows, StatementFormat.MT940: _mt940_rows}
