"""The No Dues Certificate of a closed loan: what a borrower shows a bank, a landlord or a
credit bureau dispute to prove the loan is settled. A PDF (fpdf2, DejaVu Sans for the rupee
sign, as the statements), made on request from the loan's own records; nothing is stored.

Issued for a loan paid in full (`closed`) or closed early (`foreclosed`), and only while
no charge or fee on it is unpaid and its principal outstanding is nil; any other loan is
refused with `invalid_state`. The certificate number is fixed by the loan and its closing
date (`NDC-000042-20260315`): downloaded twice it is the same certificate, issued again on
a later date; a loan reopened by a reversal and closed again gets a new number.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Installment, Loan, LoanStatus
from repayments.models import Payment, PaymentStatus
from repayments.selectors import credit_balance
from repayments.statements import _StatementPDF, unicode_font_available

ZERO = Decimal("0.00")
CERTIFIED_STATUSES = (LoanStatus.CLOSED, LoanStatus.FORECLOSED, LoanStatus.CANCELLED)
HOW_CLOSED = {
    LoanStatus.CLOSED: "Paid in full",
    LoanStatus.FORECLOSED: "Foreclosed (paid off before the end of its term)",
    LoanStatus.CANCELLED: "Cancelled within the cooling-off period (principal and interest repaid)",
}


def certificate_available(loan: Loan) -> bool:
    return loan.status in CERTIFIED_STATUSES


@dataclass(frozen=True)
class NoDuesCertificate:
    number: str
    issued_on: date
    loan: Loan
    borrower_name: str
    how_closed: str
    total_paid: Decimal
    paid: dict  # principal, interest, charges (penal and fees), excess
    credit_balance: Decimal


def no_dues_certificate(loan: Loan, *, issued_on: date | None = None) -> NoDuesCertificate:
    """The certificate's facts, or the refusal (409 invalid_state) for a loan that is not
    closed or still carries an unpaid charge."""
    if not certificate_available(loan):
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; a No Dues Certificate "
            "is issued once the loan is closed.",
        )
    unpaid_charges = Installment.objects.filter(loan=loan).aggregate(
        owed=Coalesce(Sum(F("penal_due") + F("fees_due") - F("penal_paid") - F("fees_paid")), ZERO)
    )["owed"]
    if unpaid_charges > 0 or loan.principal_outstanding > 0:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} still shows an amount owed; a No Dues Certificate cannot be "
            "issued. Please contact us.",
        )
    totals = Payment.objects.filter(loan=loan, status=PaymentStatus.POSTED).aggregate(
        amount=Coalesce(Sum("amount"), ZERO),
        principal=Coalesce(Sum("principal"), ZERO),
        interest=Coalesce(Sum("interest"), ZERO),
        charges=Coalesce(Sum(F("penal") + F("fees")), ZERO),
        excess=Coalesce(Sum("excess"), ZERO),
    )
    profile = getattr(loan.borrower, "profile", None)
    name = (profile.full_name if profile else "") or loan.borrower.full_name
    return NoDuesCertificate(
        number=f"NDC-{loan.pk:06d}-{loan.closed_on:%Y%m%d}",
        issued_on=issued_on or today_ist(),
        loan=loan,
        borrower_name=name or loan.borrower.email,
        how_closed=HOW_CLOSED[loan.status],
        total_paid=totals["amount"],
        paid={k: totals[k] for k in ("principal", "interest", "charges", "excess")},
        credit_balance=max(credit_balance(loan), ZERO),
    )


def _day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "—"


def no_dues_certificate_pdf(
    loan: Loan, *, issued_on: date | None = None, compress: bool = True
) -> bytes:
    """The certificate as an A4 PDF (refused as no_dues_certificate is)."""
    cert = no_dues_certificate(loan, issued_on=issued_on)
    pdf = _StatementPDF(
        unicode_font=unicode_font_available(),
        footer_text=f"{settings.LENDER_NAME} — No Dues Certificate {cert.number}",
    )
    pdf.set_compression(compress)
    pdf.set_title(f"No Dues Certificate — loan #{loan.pk}")
    pdf.set_author(settings.LENDER_NAME)
    pdf.set_creator("Lendingsite")
    pdf.add_page()
    t, money = pdf.text_for, pdf.money
    pdf.set_font(pdf.family, "B", 14)
    pdf.cell(0, 8, t(settings.LENDER_NAME), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(pdf.family, "B", 18)
    pdf.cell(0, 10, "No Dues Certificate", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9)
    pdf.cell(0, 5, t(f"Certificate no. {cert.number}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0, 5, t(f"Date of issue: {_day(cert.issued_on)}"), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(6)
    pdf.set_font(pdf.family, "", 10)
    closed = "repaid in full" if loan.status == LoanStatus.CLOSED else "paid off early"
    pdf.multi_cell(
        0,
        5.5,
        t(
            f"This is to certify that {cert.borrower_name}, the borrower of loan no. {loan.pk} "
            f"({loan.product.name}), has {closed} all amounts due under that loan, and that the "
            f"loan was closed on {_day(loan.closed_on)}. Nothing is owed to "
            f"{settings.LENDER_NAME} under this loan: no principal, interest, fee or penal "
            "charge remains payable."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    rows = [
        ("Borrower", cert.borrower_name),
        ("Loan number", f"{loan.pk}"),
        ("Product", loan.product.name),
        ("Amount sanctioned", money(loan.principal)),
        (
            "Amount disbursed",
            f"{money(loan.net_disbursed)} on {_day(loan.disbursed_on)} (after a processing "
            f"fee of {money(loan.processing_fee)})",
        ),
        ("Interest rate", f"{loan.annual_rate:.2f}% a year, {loan.tenure} installments"),
        ("Closed on", _day(loan.closed_on)),
        ("How it was closed", cert.how_closed),
        (
            "Total paid",
            f"{money(cert.total_paid)} (principal {money(cert.paid['principal'])}, interest "
            f"{money(cert.paid['interest'])}, charges {money(cert.paid['charges'])}"
            + (f", paid in excess {money(cert.paid['excess'])}" if cert.paid["excess"] else "")
            + ")",
        ),
        ("Amount outstanding", money(ZERO)),
    ]
    with pdf.table(col_widths=(45, 135), first_row_as_headings=False, line_height=6) as table:
        for label, value in rows:
            table.row([t(label), t(value)])
    pdf.ln(4)
    if cert.credit_balance > 0:
        pdf.multi_cell(
            0,
            5.5,
            t(
                f"We hold {money(cert.credit_balance)} paid in excess on this loan; it belongs to "
                "the borrower and will be refunded to their bank account."
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2)
    officer = settings.GRIEVANCE_OFFICER
    pdf.set_font(pdf.family, "B", 10)
    pdf.cell(0, 6, "Questions or a complaint", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 10)
    pdf.multi_cell(
        0,
        5.5,
        t(
            f"{officer['name']}, {settings.LENDER_NAME}: {officer['email']}, {officer['phone']}. "
            f"Please quote the certificate number {cert.number}."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.set_font(pdf.family, "", 8)
    pdf.multi_cell(
        0,
        4.5,
        t(
            f"For {settings.LENDER_NAME}. This certificate is generated electronically from "
            "the loan's records and needs no signature."
        ),
    )
    return bytes(pdf.output())


def certificate_response(loan: Loan) -> HttpResponse:
    """The PDF as a download (the borrower's page and the API), never kept by a cache."""
    response = HttpResponse(no_dues_certificate_pdf(loan), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="loan-{loan.pk}-no-dues-certificate.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
