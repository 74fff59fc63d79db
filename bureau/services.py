"""Writing the bureau file and loading the bureau's rejections (docs/bureau.md)."""

import csv
import hashlib
import io
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from bureau import segments
from bureau.models import BureauExport, BureauIssue, Frequency, IssueKind
from bureau.records import problems
from bureau.schedule import as_of_due, period_start
from bureau.selectors import account_records
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan

EXPORT_PERM = "bureau.add_bureauexport"
# No loan of this book, nor the bureaus' uniform format, predates 2000: an earlier as-of
# date is a typing slip, and its year would not fit the file name's DDMMYYYY.
EARLIEST_AS_OF = date(2000, 1, 1)
CYCLE = {Frequency.MONTHLY: "01", Frequency.FORTNIGHTLY: "02", Frequency.WEEKLY: "03"}


@refusals_audited("bureau_export.create_refused")
@transaction.atomic
def bureau_export_create(
    *,
    acting_user,
    as_of: date,
    frequency: str = "",
    today: date | None = None,
    scheduled: bool = False,
) -> BureauExport:
    """Write the file of every reportable loan as of `as_of`. A record failing validation
    is left out and listed as an issue for officers to fix; the file, its SHA-256 and the
    issues are kept. `acting_user=None` is the scheduled job (`scheduled`)."""
    if acting_user is not None and not acting_user.has_perm(EXPORT_PERM):
        raise DomainError("permission_denied", "Only finance can write a credit bureau file.")
    frequency = _frequency(frequency)
    if as_of < EARLIEST_AS_OF:
        raise DomainError(
            "validation_error",
            f"A bureau file cannot be as of a date before {EARLIEST_AS_OF:%d %b %Y}.",
            errors={"as_of": ["too early"]},
        )
    if as_of > (today or today_ist()):
        raise DomainError(
            "future_dated",
            "A bureau file cannot be as of a future date.",
            errors={"as_of": ["in the future"]},
        )
    good, issues = [], []
    for record in account_records(as_of=as_of, period_start=period_start(as_of, frequency)):
        found = problems(record, as_of=as_of)
        if found:
            issues += [
                BureauIssue(
                    loan_id=record.loan_id,
                    account_number=record.account_number,
                    kind=IssueKind.VALIDATION,
                    field=p.field,
                    message=p.message,
                )
                for p in found
            ]
        else:
            good.append(record)
    member_id, member_name = settings.BUREAU_MEMBER_ID, settings.BUREAU_MEMBER_NAME
    text = segments.file_text(
        good, member_id=member_id, member_name=member_name, as_of=as_of, cycle=CYCLE[frequency]
    )
    export = BureauExport.objects.create(
        as_of=as_of,
        frequency=frequency,
        file_name=f"{member_id}_{as_of:%d%m%Y}.tudf",
        content=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        records=len(good),
        excluded=len({i.loan_id for i in issues}),
        created_by=acting_user,
        scheduled=scheduled,
    )
    for issue in issues:
        issue.export = export
    BureauIssue.objects.bulk_create(issues, batch_size=2000)
    audit_record(
        action="bureau_export.created",
        actor=acting_user,
        target=export,
        after={
            "as_of": as_of,
            "frequency": frequency,
            "scheduled": scheduled,
            "records": export.records,
            "excluded": export.excluded,
            "sha256": export.sha256,
        },
    )
    return export


def _frequency(frequency: str) -> str:
    """The frequency asked for, else the configured one; validation_error if unknown."""
    frequency = frequency or settings.BUREAU_FREQUENCY
    if frequency not in Frequency.values:
        raise DomainError(
            "validation_error",
            f"Unknown frequency {frequency!r}; use one of: {', '.join(Frequency.values)}.",
            errors={"frequency": ["unknown"]},
        )
    return frequency


@transaction.atomic
def bureau_export_scheduled(*, today: date | None = None) -> BureauExport | None:
    """The periodic job: write the file due by BUREAU_FREQUENCY (bureau.schedule) unless a
    file as of that date exists already (scheduled or written by hand). Run it as often as
    you like: one file per as-of date; a second run racing the first is stopped by the
    unique scheduled as-of date and makes nothing. None when nothing was due."""
    today = today or today_ist()
    frequency = _frequency("")
    as_of = as_of_due(today, frequency)
    if BureauExport.objects.filter(as_of=as_of).exists():
        return None
    try:
        with transaction.atomic():
            return bureau_export_create(
                acting_user=None, as_of=as_of, frequency=frequency, today=today, scheduled=True
            )
    except IntegrityError:  # another run wrote it between our check and our insert
        return None


REJECTION_COLUMNS = ("account number", "segment", "field", "error code", "error description")


@refusals_audited("bureau_rejections.load_refused")
@transaction.atomic
def bureau_rejections_load(*, acting_user, export: BureauExport, file) -> BureauExport:
    """Load the bureau's rejection report for `export` (CSV: Account Number, Segment, Field,
    Error Code, Error Description) and show each error on its loan. Loading it again
    replaces the earlier rejections of that file."""
    if not acting_user.has_perm(EXPORT_PERM):
        raise DomainError("permission_denied", "Only finance can load a bureau rejection file.")
    try:
        text = file.read().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    except (UnicodeDecodeError, csv.Error):
        raise DomainError(
            "validation_error",
            "The rejection file is not a UTF-8 CSV.",
            errors={"file": ["not CSV"]},
        ) from None
    if not rows or tuple(c.strip().lower() for c in rows[0][:5]) != REJECTION_COLUMNS:
        raise DomainError(
            "validation_error",
            "The rejection file must start with the columns: Account Number, Segment, Field, Error Code, Error Description.",
            errors={"file": ["unexpected columns"]},
        )
    BureauIssue.objects.filter(export=export, kind=IssueKind.REJECTION).delete()
    loans = {
        f"LN{pk:08d}": pk
        for pk in Loan.objects.values_list("pk", flat=True).filter(pk__in=_ids(rows[1:]))
    }
    issues = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 5:
            message = f"Line {number} has fewer than 5 columns."
            raise DomainError("validation_error", message, errors={"file": [message]})
        account = row[0].strip().upper()
        issues.append(
            BureauIssue(
                export=export,
                loan_id=loans.get(account),
                account_number=account[:30],
                kind=IssueKind.REJECTION,
                field=f"{row[1].strip()} {row[2].strip()}".strip()[:40],
                code=row[3].strip()[:20],
                message=row[4].strip()[:300] or "Rejected by the bureau.",
            )
        )
    BureauIssue.objects.bulk_create(issues, batch_size=2000)
    export.rejected = len({i.account_number for i in issues})
    export.save(update_fields=["rejected"])
    audit_record(
        action="bureau_rejections.loaded",
        actor=acting_user,
        target=export,
        after={
            "rows": len(issues),
            "accounts": export.rejected,
            "unknown_accounts": sum(1 for i in issues if i.loan_id is None),
        },
    )
    return export


def _ids(rows) -> list[int]:
    ids = []
    for row in rows:
        account = (row[0] if row else "").strip().upper()
        if account.startswith("LN") and account[2:].isdigit():
            ids.append(int(account[2:]))
    return ids
