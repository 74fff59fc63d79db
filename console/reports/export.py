"""A report as a download, streamed: CSV and JSON are generated row by row into a
StreamingHttpResponse; XLSX is written by xlsxwriter in constant_memory mode (one row in
memory at a time) to a temporary file, which is then streamed and deleted. Nothing holds
the whole report.

Values: CSV and JSON carry money as a plain decimal string with two decimals ("1234.50"),
dates as ISO 8601, times in IST; XLSX writes numbers (a spreadsheet cell is a binary
double: exact for two-decimal amounts below 10^13) with an Indian-grouped number format."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from console.reports.base import Filters, Report

CENT = Decimal("0.01")


def plain(value, kind: str):
    """A value as text for CSV/JSON."""
    if value is None:
        return ""
    if kind == "money":
        return str(Decimal(value).quantize(CENT))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_lines(report: Report, rows: Iterable[tuple]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so a spreadsheet opening the file reads it as UTF-8 (₹, names)
    yield writer.writerow([c.label for c in report.columns])
    kinds = [c.kind for c in report.columns]
    for row in rows:
        yield writer.writerow([plain(v, k) for v, k in zip(row, kinds, strict=True)])


def json_chunks(report: Report, rows: Iterable[tuple]) -> Iterator[str]:
    keys = [c.key for c in report.columns]
    kinds = [c.kind for c in report.columns]
    columns = [{"key": c.key, "label": c.label, "kind": c.kind} for c in report.columns]
    yield f'{{"report": {json.dumps(report.name)}, "columns": {json.dumps(columns)}, "rows": ['

    first = True
    for row in rows:
        item = {
            k: (plain(v, kind) if v is not None else None)
            for k, v, kind in zip(keys, row, kinds, strict=True)
        }
        yield ("" if first else ",") + json.dumps(item)
        first = False
    yield "]}"


def write_xlsx(report: Report, rows: Iterable[tuple], target) -> None:
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "remove_timezone": True})
    sheet = book.add_worksheet(report.title[:31])
    bold = book.add_format({"bold": True})
    formats = {
        "money": book.add_format(
            {"num_format": "[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00"}
        ),
        "date": book.add_format({"num_format": "dd mmm yyyy"}),
        "datetime": book.add_format({"num_format": "dd mmm yyyy hh:mm"}),
        "percent": book.add_format({"num_format": "0.00"}),
    }
    for col, c in enumerate(report.columns):
        sheet.write_string(0, col, c.label, bold)
    kinds = [c.kind for c in report.columns]
    for r, row in enumerate(rows, start=1):
        for col, (value, kind) in enumerate(zip(row, kinds, strict=True)):
            if value is None:
                continue
            if kind in ("money", "percent", "int") and value != "":
                sheet.write_number(r, col, Decimal(value), formats.get(kind))
            elif isinstance(value, datetime):
                sheet.write_datetime(
                    r, col, timezone.localtime(value).replace(tzinfo=None), formats["datetime"]
                )
            elif isinstance(value, date):
                sheet.write_datetime(
                    r, col, datetime(value.year, value.month, value.day), formats["date"]
                )
            else:
                sheet.write_string(r, col, str(value))
    book.close()


def filename(report: Report, f: Filters, ext: str) -> str:
    span = "-".join(d.isoformat() for d in (f.date_from, f.date_to) if d) or "all"
    return f"{report.name}-{span}.{ext}"


def download(report: Report, f: Filters, fmt: str):
    """The response for `fmt` (csv, xlsx or json)."""
    rows = report.rows(f)
    if fmt == "xlsx":
        tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes and so deletes it)
        write_xlsx(report, rows, tmp)
        tmp.seek(0)
        response = FileResponse(
            tmp,
            as_attachment=True,
            filename=filename(report, f, "xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "json":
        response = StreamingHttpResponse(json_chunks(report, rows), content_type="application/json")
    else:
        response = StreamingHttpResponse(
            csv_lines(report, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename(report, f, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response
