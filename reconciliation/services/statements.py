"""Importing a bank statement (docs/reconciliation.md).

Three stages, so 100k lines cost a few dozen queries before any money moves:
1. stage: the CSV is streamed, each row parsed in Python (the tokens a match needs are
   read from the narration here) and inserted in batches; one unreadable row refuses the
   whole file and nothing is kept;
2. match: a handful of UPDATEs over the staged rows resolve virtual accounts and loan
   references, find credits already posted (their UTR is a payment's) or already in an
   earlier statement, and decide matched / queued / ambiguous for every row at once;
3. post: each matched credit goes through payment_post (its own transaction, with its
   ledger entry and audit event), its UTR the bank's reference in canonical form, so a
   credit is never posted twice however often the file is uploaded.
"""

import csv
import hashlib
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan
from reconciliation import rules
from reconciliation.models import (
    LineStatus,
    MatchKind,
    StatementFormat,
    StatementImport,
    StatementLine,
    VirtualAccount,
)
from reconciliation.services.readers import READERS, format_detect
from repayments.models import Channel, Payment, PaymentSource
from repayments.services.payments import payment_post

IMPORT_PERM = "reconciliation.import_statementimport"
BATCH = 2000
POST_BATCH = 500
PENDING = (
    LineStatus.QUEUED,
    LineStatus.PROPOSED,
    LineStatus.REFUND,
    LineStatus.POSTED,
    LineStatus.MATCHED,
)


def line_utr(row: rules.StatementRow) -> str:
    """The UTR a credit is posted under: the bank's reference, else a key made of the row
    itself (date, narration, amount, running balance: the balance makes it unique within an
    account's statement)."""
    if row.reference:
        return row.reference
    key = f"{row.txn_date.isoformat()}|{row.narration}|{row.credit}|{row.balance}"
    return "STMT-" + hashlib.sha256(key.encode()).hexdigest()[:24].upper()


def channel_of(narration: str) -> str:
    head = narration.strip().upper()
    if head.startswith("UPI"):
        return Channel.UPI
    if head.startswith("IMPS"):
        return Channel.IMPS
    return Channel.NEFT


def _digest(file) -> str:
    file.seek(0)
    sha = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        sha.update(chunk)
    return sha.hexdigest()


def _stage(statement: StatementImport, file) -> None:
    """One pipeline for every format: the format's reader gives normalised rows, staged
    here in batches. An unreadable row refuses the file (the transaction is rolled back)."""
    batch: list[StatementLine] = []
    try:
        for number, row in READERS[statement.file_format](file):
            batch.append(_line(statement, number, row))
            if len(batch) >= BATCH:
                StatementLine.objects.bulk_create(batch)
                batch = []
    except rules.RowInvalid as exc:
        message = str(exc)
        raise DomainError("validation_error", message, errors={"file": [message]}) from None
    if batch:
        StatementLine.objects.bulk_create(batch)


def _line(statement: StatementImport, number: int, row: rules.StatementRow) -> StatementLine:
    return StatementLine(
        statement=statement,
        line_no=number,
        txn_date=row.txn_date,
        value_date=row.value_date,
        narration=row.narration,
        reference=row.reference,
        utr=line_utr(row),
        credit=row.credit,
        debit=row.debit,
        balance=row.balance,
        account_token=row.account_number,
        loan_ref_token=row.loan_ids[0] if row.loan_ids else None,
        tokens_ambiguous=row.account_count > 1 or len(row.loan_ids) > 1,
        status=LineStatus.QUEUED if row.credit > 0 else LineStatus.DEBIT,
        # A held credit (an MT940 reversal) carries its reason, which keeps it out of the
        # match: only lines left without a reason are matched. A debit says why it is idle.
        reason=row.note or (rules.DEBIT_NOTE if row.debit > 0 else ""),
    )


def _match(statement: StatementImport) -> None:
    """Decide every credit of the statement in a few set-based UPDATEs."""
    if connection.vendor == "postgresql":
        # The rows were just bulk-inserted: without fresh statistics the planner takes the
        # table for empty and runs the EXISTS checks below as a scan per row (minutes at
        # 100k lines instead of seconds). ANALYZE is allowed inside the transaction.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {StatementLine._meta.db_table}")
    lines = StatementLine.objects.filter(statement=statement, status=LineStatus.QUEUED)
    lines.exclude(account_token="").update(
        va_loan=Subquery(
            VirtualAccount.objects.filter(account_number=OuterRef("account_token")).values(
                "loan_id"
            )[:1]
        )
    )
    lines.filter(loan_ref_token__isnull=False).update(
        ref_loan=Subquery(Loan.objects.filter(pk=OuterRef("loan_ref_token")).values("pk")[:1])
    )
    # Already posted under this UTR (an earlier upload, a gateway, a hand entry).
    posted = Payment.objects.filter(utr_canonical=OuterRef("utr"))
    lines.filter(Exists(posted)).update(
        status=LineStatus.DUPLICATE,
        match_kind=MatchKind.UTR,
        payment=Subquery(posted.values("pk")[:1]),
        loan=Subquery(posted.values("loan_id")[:1]),
        reason="Already posted under this UTR.",
    )
    # In an earlier statement (queued, assigned or refunded there), or earlier in this one.
    earlier = StatementLine.objects.filter(utr=OuterRef("utr"), status__in=PENDING).exclude(
        statement=statement
    )
    lines.filter(Exists(earlier)).update(
        status=LineStatus.DUPLICATE,
        reason="Already in an earlier statement import.",
    )
    repeated = StatementLine.objects.filter(
        statement=statement, utr=OuterRef("utr"), line_no__lt=OuterRef("line_no"), credit__gt=0
    )
    lines.filter(Exists(repeated)).update(
        status=LineStatus.DUPLICATE, reason="Repeated earlier in this file."
    )

    undecided = lines.filter(reason="")
    undecided.filter(account_token__gt="", va_loan__isnull=True).update(
        reason="Names a virtual account that is not ours."
    )
    undecided.filter(
        Q(tokens_ambiguous=True)
        | (Q(va_loan__isnull=False, ref_loan__isnull=False) & ~Q(va_loan=F("ref_loan")))
    ).update(reason="Ambiguous: it names more than one loan.")
    undecided.filter(va_loan__isnull=True, ref_loan__isnull=True).update(
        reason="No virtual account or loan reference in the narration."
    )
    lines.filter(reason="", va_loan__isnull=False).update(
        status=LineStatus.MATCHED, loan=F("va_loan"), match_kind=MatchKind.VIRTUAL_ACCOUNT
    )
    lines.filter(reason="", ref_loan__isnull=False).update(
        status=LineStatus.MATCHED, loan=F("ref_loan"), match_kind=MatchKind.LOAN_REFERENCE
    )


def _post_matched(statement: StatementImport, *, acting_user, business_date: date | None) -> None:
    """payment_post for each matched credit, in pk order, a batch of lines at a time."""
    last = 0
    while True:
        chunk = list(
            StatementLine.objects.filter(
                statement=statement, status=LineStatus.MATCHED, pk__gt=last
            )
            .select_related("loan")
            .order_by("pk")[:POST_BATCH]
        )
        if not chunk:
            return
        for line in chunk:
            last = line.pk
            try:
                payment = payment_post(
                    acting_user=acting_user,
                    loan=line.loan,
                    amount=line.credit,
                    paid_on=line.value_date or line.txn_date,
                    channel=channel_of(line.narration),
                    utr=line.utr,
                    source=PaymentSource.ADMIN,
                    business_date=business_date,
                )
            except DomainError as exc:
                if exc.code == "duplicate_utr":  # posted meanwhile by another channel
                    line.status, line.reason = (
                        LineStatus.DUPLICATE,
                        "Already posted under this UTR.",
                    )
                else:
                    line.status, line.reason = LineStatus.QUEUED, exc.detail[:300]
                line.payment = None
            else:
                line.status, line.payment = LineStatus.POSTED, payment
        StatementLine.objects.bulk_update(chunk, ["status", "reason", "payment"])


def _totals(statement: StatementImport) -> None:
    rows = StatementLine.objects.filter(statement=statement)
    counts = dict(rows.values_list("status").annotate(n=Count("id")).order_by())
    sums = rows.aggregate(
        credited=Sum("credit", filter=Q(credit__gt=0)),
        posted=Sum("credit", filter=Q(status=LineStatus.POSTED)),
    )
    statement.lines = sum(counts.values())
    statement.credits = statement.lines - counts.get(LineStatus.DEBIT, 0)
    statement.posted = counts.get(LineStatus.POSTED, 0)
    statement.duplicates = counts.get(LineStatus.DUPLICATE, 0)
    statement.queued = counts.get(LineStatus.QUEUED, 0)
    statement.credited_amount = sums["credited"] or 0
    statement.posted_amount = sums["posted"] or 0
    statement.save(
        update_fields=[
            "lines",
            "credits",
            "posted",
            "duplicates",
            "queued",
            "credited_amount",
            "posted_amount",
        ]
    )


@transaction.atomic
def _stage_and_match(
    *, acting_user, file, file_name: str, digest: str, file_format: str
) -> StatementImport:
    statement = StatementImport.objects.create(
        file_name=file_name[:200], sha256=digest, uploaded_by=acting_user, file_format=file_format
    )
    _stage(statement, file)
    _match(statement)
    return statement


@refusals_audited("statement.import_refused")
def statement_import(
    *,
    acting_user,
    file,
    file_name: str,
    file_format: str = "",
    business_date: date | None = None,
) -> StatementImport:
    """Import a bank statement (a CSV with the columns a bank exports, or SWIFT MT940;
    `file_format` '' tells them apart by the first bytes): stage and match every row, post
    the matched credits, queue the rest. Refuses (validation_error, nothing kept) a file
    too big or with an unreadable row or statement. Not one transaction: each payment is
    its own."""
    if acting_user is None or not acting_user.has_perm(IMPORT_PERM):
        raise DomainError("permission_denied", "Only finance can import bank statements.")
    size = getattr(file, "size", None)
    if size is not None and size > settings.STATEMENT_MAX_BYTES:
        raise DomainError(
            "validation_error",
            f"The statement is larger than {settings.STATEMENT_MAX_BYTES // (1024 * 1024)} MB.",
            errors={"file": ["too large"]},
        )
    if file_format and file_format not in StatementFormat.values:
        raise DomainError(
            "validation_error",
            f"Unknown statement format {file_format!r}; use one of: "
            + ", ".join(StatementFormat.values)
            + ".",
            errors={"file_format": ["unknown"]},
        )
    digest = _digest(file)
    file_format = file_format or format_detect(file)
    try:
        statement = _stage_and_match(
            acting_user=acting_user,
            file=file,
            file_name=file_name,
            digest=digest,
            file_format=file_format,
        )
    except UnicodeDecodeError:
        raise DomainError(
            "validation_error",
            "The statement is not UTF-8 text.",
            errors={"file": ["not UTF-8 text"]},
        ) from None
    except csv.Error as exc:
        raise DomainError(
            "validation_error", f"The file is not a CSV: {exc}.", errors={"file": ["not CSV"]}
        ) from None
    _post_matched(statement, acting_user=acting_user, business_date=business_date or today_ist())
    with transaction.atomic():
        _totals(statement)
        audit_record(
            action="statement.imported",
            actor=acting_user,
            target=statement,
            after={
                "file_name": statement.file_name,
                "file_format": statement.file_format,
                "sha256": digest,
                "lines": statement.lines,
                "credits": statement.credits,
                "posted": statement.posted,
                "duplicates": statement.duplicates,
                "queued": statement.queued,
                "posted_amount": statement.posted_amount,
            },
        )
    return statement
