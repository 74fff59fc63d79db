"""The bureau file for a known book, compared field by field with a file written by hand;
validation errors for bad records; the bureau's rejection report shown on the loans."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from bureau.models import BureauIssue, CkycRecord, IssueKind
from bureau.selectors import issues_of_loan
from bureau.services import bureau_export_create, bureau_rejections_load
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.tests.factories import active_loan, kyc_verified_borrower

pytestmark = pytest.mark.django_db


def fields_of(line: str) -> list[str]:
    """A record line as its fields, "<tag><len><value>" each, so a mismatch names the field."""
    out, i = [], 0
    while i < len(line):
        if line.startswith("ES02**", i):
            out.append("ES02**")
            i += 6
            continue
        tag = line[i : i + 2]
        size = int(line[i + 2 : i + 4])
        out.append(f"{tag}{size:02d}{line[i + 4 : i + 4 + size]}")
        i += 4 + size
    return out


def _dmy(day: date) -> str:
    return day.strftime("%d%m%Y")


@pytest.fixture
def book():
    as_of = today_ist() - timedelta(days=1)
    opened = as_of - timedelta(days=40)
    good = kyc_verified_borrower(
        full_name="Asha Rao",
        pan="ABCPR1234K",
        phone="+919876543210",
        address="12 MG Road, Bengaluru 560001",
    )
    CkycRecord.objects.create(profile=good.profile, number="12345678901234")
    bad = kyc_verified_borrower(full_name="Ravi Kumar", pan="", address="Near the temple, Hosur")
    loan_good = active_loan(disbursed_on=opened, borrower=good)
    loan_bad = active_loan(disbursed_on=opened, borrower=bad)
    return as_of, opened, loan_good, loan_bad


def test_the_file_matches_one_written_by_hand(book):
    as_of, opened, loan, _ = book
    rows = list(loan.installments.order_by("number"))
    balance = sum(i.principal_due + i.interest_due for i in rows)
    first = rows[0]
    overdue = first.principal_due + first.interest_due
    dpd = (as_of - first.due_date).days + 1
    assert dpd > 0, "the first installment must be overdue for this book"

    export = bureau_export_create(acting_user=staff(FINANCE), as_of=as_of, frequency="monthly")

    def money(value: Decimal) -> str:
        text = str(int(value.quantize(Decimal("1"))))
        return f"{len(text):02d}{text}"

    account = f"LN{loan.pk:08d}"
    expected_record = (
        "PN03N01" + "0108ASHA RAO" + "0708" + "17051990"
        "ID03I01" + "010201" + "0210ABCPR1234K"
        "ID03I02" + "010208" + "021412345678901234"
        "PT03T01" + "01109876543210" + "030201"
        "PA03A01" + "012812 MG ROAD, BENGALURU 560001" + "060229" + "0706560001" + "080202"
        "TL04T001" + "0110NB00000001" + "0211LENDINGSITE" + f"0310{account}" + "040205" + "05011"
        f"0808{_dmy(opened)}" + f"1108{_dmy(as_of)}" + "1206100000" + f"13{money(balance)}"
        f"14{money(overdue)}" + f"1503{dpd:03d}" + "260201"
        "ES02**"
    )
    header = (
        "TUDF12" + "NB00000001".ljust(30) + "LENDINGSITE".ljust(16) + "01" + _dmy(as_of) + " " * 78
    )
    lines = export.content.split("\r\n")
    assert lines[0] == header
    assert fields_of(lines[1]) == fields_of(expected_record)
    assert lines[1] == expected_record
    assert lines[2:] == ["TRLR", ""]
    assert (export.records, export.excluded) == (1, 1)
    import hashlib

    assert export.sha256 == hashlib.sha256(export.content.encode()).hexdigest()


def test_bad_records_are_left_out_and_listed(book):
    as_of, _, _, loan_bad = book
    export = bureau_export_create(acting_user=staff(FINANCE), as_of=as_of)
    problems = {
        (i.field, i.message) for i in BureauIssue.objects.filter(export=export, loan=loan_bad)
    }
    assert problems == {
        ("pan", "PAN is missing."),
        ("pin_code", "The address has no valid 6-digit PIN code."),
    }
    assert f"LN{loan_bad.pk:08d}" not in export.content
    assert all(i.kind == IssueKind.VALIDATION for i in issues_of_loan(loan_bad))


def test_refusals(book):
    as_of = book[0]
    with pytest.raises(DomainError) as refused:
        bureau_export_create(acting_user=staff(LOAN_OFFICER), as_of=as_of)
    assert refused.value.code == "permission_denied"
    with pytest.raises(DomainError) as future:
        bureau_export_create(acting_user=staff(FINANCE), as_of=today_ist() + timedelta(days=1))
    assert future.value.code == "future_dated"
    with pytest.raises(DomainError) as bad:
        bureau_export_create(acting_user=staff(FINANCE), as_of=as_of, frequency="daily")
    assert bad.value.code == "validation_error"


def test_a_rejection_report_puts_its_errors_on_the_loans(book):
    as_of, _, loan, _ = book
    user = staff(FINANCE)
    export = bureau_export_create(acting_user=user, as_of=as_of)
    report = (
        "Account Number,Segment,Field,Error Code,Error Description\n"
        f"LN{loan.pk:08d},PA,07,E102,PIN code does not match the state\n"
        "LN99999999,TL,03,E001,Account unknown\n"
    )
    bureau_rejections_load(
        acting_user=user, export=export, file=SimpleUploadedFile("rej.csv", report.encode())
    )
    export.refresh_from_db()
    assert export.rejected == 2
    [issue] = issues_of_loan(loan)
    assert (issue.kind, issue.code, issue.field, issue.message) == (
        IssueKind.REJECTION,
        "E102",
        "PA 07",
        "PIN code does not match the state",
    )
    with pytest.raises(DomainError) as refused:
        bureau_rejections_load(
            acting_user=user, export=export, file=SimpleUploadedFile("r.csv", b"a,b\n1,2\n")
        )
    assert refused.value.code == "validation_error"
    assert BureauIssue.objects.filter(export=export, kind=IssueKind.REJECTION).count() == 2
