"""The bank/branch directory an IFSC is checked against.

The project ships a sample of real branches (accounts/data/ifsc_branches.csv, loaded after
migrate while the directory is empty) so the demo and the tests work offline; a lender loads RBI's full list with
`manage.py import_ifsc FILE.csv` (RBI's per-bank sheets saved as CSV, or Razorpay's IFSC.csv
release, which has the same codes with a few more columns). docs/decisions.md says why no
package provides it.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from accounts.banking import IFSC_RE, ifsc_normalize
from accounts.models import BankBranch
from lendingsite.audit import audit_record

# Column names in the two published layouts, folded to lower case without spaces.
# RBI: BANK, IFSC, BRANCH, ADDRESS, CITY1 (centre), CITY2 (district), STATE, STD CODE, PHONE
# Razorpay: BANK, IFSC, BRANCH, CENTRE, DISTRICT, STATE, ADDRESS, CONTACT, ..., CITY, ...
_COLUMNS = {
    "bank": ("bank",),
    "ifsc": ("ifsc",),
    "branch": ("branch",),
    "address": ("address",),
    "city": ("city1", "city", "centre"),
    "district": ("city2", "district"),
    "state": ("state",),
}
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ifsc_branches.csv"
_LIMITS = {"bank": 120, "branch": 200, "city": 100, "district": 100, "state": 100}


@dataclass(frozen=True)
class BranchRow:
    ifsc: str
    bank: str
    branch: str
    address: str = ""
    city: str = ""
    district: str = ""
    state: str = ""


@dataclass
class ParseReport:
    rows: int = 0
    skipped: int = 0


def _header_map(header: list[str]) -> dict[str, int]:
    folded = ["".join(name.split()).lower() for name in header]
    found = {}
    for field, names in _COLUMNS.items():
        for name in names:
            if name in folded:
                found[field] = folded.index(name)
                break
    missing = {"bank", "ifsc", "branch"} - found.keys()
    if missing:
        raise ValueError(
            f"not an IFSC list: no {', '.join(sorted(missing)).upper()} column in the header"
        )
    return found


def _cells(record: list[str], columns: dict[str, int]):
    def cell(field: str) -> str:
        index = columns.get(field)
        value = record[index] if index is not None and index < len(record) else ""
        value = " ".join(value.split())
        return value[: _LIMITS[field]] if field in _LIMITS else value

    return cell


def ifsc_rows_parse(lines: Iterable[str], report: ParseReport | None = None) -> Iterator[BranchRow]:
    """Rows of an IFSC CSV (either layout). A row whose IFSC is not of RBI's shape is
    skipped and counted in `report`; a file without BANK/IFSC/BRANCH columns is a
    ValueError."""
    report = report if report is not None else ParseReport()
    reader = csv.reader(lines)
    columns = _header_map(next(reader, []))
    for record in reader:
        if not any(value.strip() for value in record):
            continue
        cell = _cells(record, columns)
        ifsc = ifsc_normalize(cell("ifsc"))
        if not IFSC_RE.match(ifsc) or not cell("bank"):
            report.skipped += 1
            continue
        report.rows += 1
        yield BranchRow(
            ifsc=ifsc,
            bank=cell("bank"),
            branch=cell("branch"),
            address=cell("address"),
            city=cell("city"),
            district=cell("district"),
            state=cell("state"),
        )


def _chunks(rows: Iterable[BranchRow], size: int) -> Iterator[list[BranchRow]]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bank_directory_import(
    *, rows: Iterable[BranchRow], acting_user=None, source: str = "", chunk_size: int = 2000
) -> int:
    """Insert or update every row (one transaction per chunk: RBI's list has ~170,000
    branches); returns how many rows were written. Branches missing from the file are kept:
    a merged bank's old codes keep working until the lender removes them."""
    written = 0
    for chunk in _chunks(rows, chunk_size):
        with transaction.atomic():
            BankBranch.objects.bulk_create(
                [BankBranch(**row.__dict__) for row in chunk],
                update_conflicts=True,
                unique_fields=["ifsc"],
                update_fields=["bank", "branch", "address", "city", "district", "state"],
            )
        written += len(chunk)
    with transaction.atomic():
        audit_record(
            action="bank_directory.imported",
            actor=acting_user,
            after={"rows": written, "source": source[:200]},
        )
    return written


def bank_branch_find(ifsc: str) -> BankBranch | None:
    return BankBranch.objects.filter(ifsc=ifsc_normalize(ifsc)).first()


def bank_directory_sample_ensure() -> int:
    """Load the shipped sample when the directory is empty; returns the rows loaded. A
    directory that has any branch (the sample, or RBI's full list) is left alone."""
    if BankBranch.objects.exists():
        return 0
    with SAMPLE.open(newline="", encoding="utf-8") as lines:
        rows = [BankBranch(**row.__dict__) for row in ifsc_rows_parse(lines)]
    BankBranch.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
