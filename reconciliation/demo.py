"""Demo reconciliation for `manage.py seed_demo` (docs/reconciliation.md), after the
mandates demo. Every demo loan has its virtual account (issued when it opened; any missing
are issued here). Finance imports one bank statement of yesterday's credits to our
collection account that no rule can match on its own:

- an unmatched NEFT credit (no virtual account, no loan reference in the narration);
- an ambiguous IMPS credit naming two borrowers' virtual accounts;
- Deepa's UPI transfer after her auto-debit bounced, which finance has assigned to her
  loan: a proposed match waiting for a second finance officer (the checker) to approve.

Idempotent: the statement is imported once (known by its SHA-256), the assignment made
once (a line no longer queued is left alone).
"""

import hashlib
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from lendingsite.dates import today_ist
from loans.models import Loan
from reconciliation.models import LineStatus, StatementImport, StatementLine
from reconciliation.services.queue import statement_line_assign
from reconciliation.services.statements import statement_import
from reconciliation.services.virtual_accounts import virtual_accounts_issue_missing

HEADER = "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance\n"
FILE_NAME = "demo-collections-account-statement.csv"


def _statement(day: date, *, first: Loan, second: Loan) -> bytes:
    d = day.strftime("%d/%m/%Y")
    a, b = first.virtual_account.account_number, second.virtual_account.account_number
    rows = [
        f'{d},{d},NEFT/HDFCN52026120300417/RAMESH TRADERS/ADVANCE,HDFCN52026120300417,,"25,000.00","25,000.00"',
        f'{d},{d},IMPS/633812004518/{a} {b}/FAMILY,633812004518,,"12,000.00","37,000.00"',
        f'{d},{d},UPI/633901227781/DEEPA PILLAI/EMI AFTER BOUNCE,633901227781,,"8,500.00","45,500.00"',
    ]
    return (HEADER + "\n".join(rows) + "\n").encode()


def reconciliation_demo_seed(*, domain: str, today: date | None = None) -> str:
    today = today or today_ist()
    issued = virtual_accounts_issue_missing()
    finance = User.objects.get(email=f"finance@{domain}")
    owing = Loan.objects.filter(virtual_account__isnull=False).select_related("virtual_account")
    first = owing.filter(borrower__email=f"kavita@{domain}").first()
    second = owing.filter(borrower__email=f"vikram@{domain}").order_by("-id").first()
    deepa = owing.filter(borrower__email=f"deepa@{domain}").first()
    if first is None or second is None or deepa is None:
        return "Reconciliation demo: skipped (the demo loans it names are missing)."
    content = _statement(today - timedelta(days=1), first=first, second=second)
    statement = StatementImport.objects.filter(sha256=hashlib.sha256(content).hexdigest()).first()
    if statement is None:
        statement = statement_import(
            acting_user=finance,
            file=SimpleUploadedFile(FILE_NAME, content, content_type="text/csv"),
            file_name=FILE_NAME,
        )
    upi = StatementLine.objects.filter(statement=statement, narration__startswith="UPI/").first()
    if upi is not None and upi.status == LineStatus.QUEUED:
        statement_line_assign(
            acting_user=finance,
            line=upi,
            loan=deepa,
            note="Deepa paid the bounced EMI by UPI to our current account; her name is on it.",
        )
    queued = StatementLine.objects.filter(statement=statement, status=LineStatus.QUEUED).count()
    proposed = StatementLine.objects.filter(statement=statement, status=LineStatus.PROPOSED).count()
    return (
        f"Reconciliation demo: {issued} virtual accounts issued this run; statement "
        f"{statement.pk}: {queued} credits in the queue (unmatched, ambiguous), {proposed} "
        f"assigned by finance@ waiting for another finance officer (or admin@) to approve."
    )
