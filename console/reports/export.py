"""A report as a download, streamed: CSV and JSON are generated row by row into a
StreamingHttpResponse, and so is XLSX (console/reports/xlsx.py writes the sheet's XML
into a zip entry as the rows come). Nothing holds the whole report.

Values: CSV and JSON carry money as a plain decimal string with two decimals ("1234.50"),
dates as ISO 8601, times in IST; XLSX writes numbers (a spreadsheet cell is a binary
double: exact for two-decimal amounts below 10^13) with an Indian-grouped number format."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone

from console.reports.base import Filters, Report
from console.reports.xlsx import xlsx_chunks

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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


def xlsx_bytes(report: Report, rows: Iterable[tuple]) -> Iterator[bytes]:
    return xlsx_chunks(
        report.title, [c.label for c in report.columns], [c.kind for c in report.columns], rows
    )


def filename(report: Report, f: Filters, ext: str) -> str:
    span = "-".join(d.isoformat() for d in (f.date_from, f.date_to) if d) or "all"
    return f"{report.name}-{span}.{ext}"


def download(report: Report, f: Filters, fmt: str):
    """The response for `fmt` (csv, xlsx or json)."""
    rows = report.rows(f)
    if fmt == "xlsx":
        response = StreamingHttpResponse(xlsx_bytes(report, rows), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename(report, f, "xlsx")}"'
    elif fmt == "json":
        response = StreamingHttpResponse(json_chunks(report, rows), content_type="application/json")
    else:
        response = StreamingHttpResponse(
            csv_lines(report, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename(report, f, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response
