"""Loan statements: every transaction of a loan with a running balance, as CSV and PDF.

The view is the borrower's: the balance is what they owe on that day (docs/gateways.md
"Loan statements" says why it is built this way rather than from the ledger):

    + principal disbursed            (the processing fee is shown as deducted from it)
    + interest of each installment   on its due date (cash-basis: not accrued daily)
    + interest paid before its due date, on the day it was paid (foreclosure, early payment)
    + charges levied                 (penal charges, fees) on the day they were levied
    - charges reversed or waived     on the day (a void penal charge, an approved waiver)
    - payments                       on their paid_on date, with their allocation split
    + reversals                      on the day the payment was reversed
    + refunds of borrower credit     on the day they were paid out

so the closing balance is principal outstanding + interest due and unpaid + charges unpaid
- the borrower's credit, which the tests reconcile against the loan's own figures.
"""

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from fpdf import FPDF
from fpdf.fonts import FontFace

from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment, Loan, LoanStatus
from repayments.models import (
    Charge,
    ChargeStatus,
    ChargeWaiver,
    CreditRefund,
    ExitRequest,
    ExitRequestStatus,
    Payment,
    PaymentAllocation,
    PaymentReversal,
    PaymentStatus,
    WaiverStatus,
)

ZERO = Decimal("0.00")
# Within one day, what became due is listed before what was paid against it.
KINDS = (
    *("disbursement", "interest", "charge", "charge_reversal", "waiver"),
    *("payment", "reversal", "refund"),
    *("reschedule", "write_off", "settlement"),
)
KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}
ENDED = {LoanStatus.CLOSED, LoanStatus.FORECLOSED, LoanStatus.CANCELLED, LoanStatus.SETTLED}
CSV_HEADER = [
    *("date", "type", "description", "reference"),
    *("amount", "principal", "interest", "charges", "excess", "balance"),
]
FONT_DIR = "/usr/share/fonts/truetype/dejavu"


@dataclass
class StatementRow:
    """`amount` is signed from the borrower's side: + adds to what they owe, - reduces it.
    For payments, principal/interest/charges/excess say where the money went."""

    on: date
    kind: str
    description: str
    amount: Decimal
    reference: str = ""
    principal: Decimal | None = None
    interest: Decimal | None = None
    charges: Decimal | None = None
    excess: Decimal | None = None
    balance: Decimal = ZERO
    order: int = 0


@dataclass
class Statement:
    loan: Loan
    period_start: date
    period_end: date
    rows: list[StatementRow] = field(default_factory=list)

    @property
    def closing_balance(self) -> Decimal:
        return self.rows[-1].balance if self.rows else ZERO


def _loan_for_statement(loan: Loan) -> Loan:
    return (
        Loan.objects.select_related("product", "borrower")
        .prefetch_related(Prefetch("installments", queryset=Installment.objects.order_by("number")))
        .get(pk=loan.pk)
    )


def _interest_rows(loan: Loan, end: date) -> list[StatementRow]:
    rows = []
    early: list[int] = []
    for inst in loan.installments.all():
        if inst.due_date <= end:
            if inst.interest_due:
                rows.append(
                    StatementRow(
                        on=inst.due_date,
                        kind="interest",
                        description=f"Interest due on installment {inst.number}",
                        amount=inst.interest_due,
                        order=inst.number,
                    )
                )
        elif inst.interest_paid:
            early.append(inst.pk)
    if early:
        # Interest of an installment not yet due that was nevertheless paid (a foreclosure
        # collects interest to date): it became owed when it was paid.
        allocations = (
            PaymentAllocation.objects.filter(
                installment_id__in=early, interest__gt=0, payment__status=PaymentStatus.POSTED
            )
            .select_related("payment", "installment")
            .order_by("payment__paid_on", "installment__number")
        )
        rows.extend(
            StatementRow(
                on=a.payment.paid_on,
                kind="interest",
                description=f"Interest to date on installment {a.installment.number}",
                amount=a.interest,
                order=a.installment.number,
            )
            for a in allocations
            if a.payment.paid_on <= end
        )
    return rows


def _payment_rows(loan: Loan, end: date) -> list[StatementRow]:
    rows = []
    payments = Payment.objects.filter(loan=loan, paid_on__lte=end).order_by("paid_on", "id")
    for p in payments:
        row = StatementRow(
            on=p.paid_on,
            kind="payment",
            description=f"Payment by {p.get_channel_display()}",
            reference=p.utr,
            amount=-p.amount,
            order=p.pk,
        )
        if p.status == PaymentStatus.REVERSED:
            # A reversed payment paid nothing in the end: no split to show.
            row.description += " (reversed later)"
        else:
            row.principal, row.interest = p.principal, p.interest
            row.charges, row.excess = p.penal + p.fees, p.excess
        rows.append(row)
    reversals = PaymentReversal.objects.filter(
        payment__loan=loan, reversed_on__lte=end
    ).select_related("payment")
    rows.extend(
        StatementRow(
            on=r.reversed_on,
            kind="reversal",
            description=f"Payment of {r.payment.paid_on:%d %b %Y} reversed: {r.reason}",
            reference=r.payment.utr,
            amount=r.payment.amount,
            order=r.payment_id,
        )
        for r in reversals
    )
    return rows


def _charge_rows(loan: Loan, end: date) -> list[StatementRow]:
    """Each charge on the day it was levied; a void one taken off again on the day it was
    reversed, a waiver on the day it was approved."""
    charges = Charge.objects.filter(loan=loan, charged_on__lte=end).select_related("installment")
    rows = []
    for c in charges:
        where = f"installment {c.installment.number}" if c.installment else "a closed installment"
        rows.append(
            StatementRow(
                on=c.charged_on,
                kind="charge",
                description=f"{c.get_kind_display()} on {where}"
                + (f": {c.reason}" if c.reason else ""),
                amount=c.amount,
                order=c.pk,
            )
        )
        if c.status == ChargeStatus.REVERSED and c.reversed_on and c.reversed_on <= end:
            rows.append(
                StatementRow(
                    on=c.reversed_on,
                    kind="charge_reversal",
                    description=f"{c.get_kind_display()} of {c.charged_on:%d %b %Y} reversed: "
                    "your payment was on time",
                    amount=-(c.amount - c.waived_amount),
                    order=c.pk,
                )
            )
    waivers = ChargeWaiver.objects.filter(
        charge__loan=loan, status=WaiverStatus.APPROVED, decided_on__lte=end
    ).select_related("charge")
    rows.extend(
        StatementRow(
            on=w.decided_on,
            kind="waiver",
            description=f"{w.charge.get_kind_display()} of {w.charge.charged_on:%d %b %Y} "
            f"waived: {w.reason}",
            amount=-w.amount,
            order=w.pk,
        )
        for w in waivers
    )
    return rows


def _charge_and_refund_rows(loan: Loan, end: date) -> list[StatementRow]:
    rows = _charge_rows(loan, end)
    refunds = CreditRefund.objects.filter(loan=loan, refunded_on__lte=end)
    rows.extend(
        StatementRow(
            on=r.refunded_on,
            kind="refund",
            description="Credit balance refunded to you",
            reference=r.reference,
            amount=r.amount,
            order=r.pk,
        )
        for r in refunds
    )
    return rows


def _exit_labels(loan: Loan, rows: list[StatementRow]) -> None:
    """A loan cancelled within the cooling-off period was paid off by an ordinary payment
    (its interest row and its split come from the replay like any foreclosure's); these
    rows say what that payment was."""
    request = ExitRequest.objects.filter(loan=loan, status=ExitRequestStatus.COMPLETED).first()
    if request is None:
        return
    days = (request.completed_on - loan.disbursed_on).days
    for row in rows:
        if row.kind == "interest" and row.on == request.completed_on:
            row.description = (
                f"Interest for the {days} day{'s' if days != 1 else ''} you had the money "
                "(cooling-off)"
            )
        elif row.kind == "payment" and row.order == request.payment_id:
            row.description += ": the loan is cancelled within the cooling-off period"


def statement_build(loan: Loan, *, as_of: date | None = None) -> Statement:
    """Every transaction of `loan` up to `as_of` (today in IST), oldest first, each with
    the balance after it. A loan that ended (closed, foreclosed, cancelled) stops demanding
    interest on the day it ended."""
    loan = _loan_for_statement(loan)
    end = as_of or today_ist()
    if loan.disbursed_on is None:
        return Statement(loan=loan, period_start=end, period_end=end)
    interest_end = min(end, loan.closed_on) if loan.status in ENDED and loan.closed_on else end
    fee = loan.principal - loan.net_disbursed
    rows = [
        StatementRow(
            on=loan.disbursed_on,
            kind="disbursement",
            # Plain amounts (no rupee sign): the same text goes into the CSV, which
            # spreadsheets may not open as UTF-8.
            description=(
                f"Loan disbursed: principal {format_inr(loan.principal, symbol=False)}; "
                f"processing fee {format_inr(fee, symbol=False)} (incl. GST) deducted; "
                f"{format_inr(loan.net_disbursed, symbol=False)} paid to you"
            ),
            reference=loan.disbursement_reference,
            amount=loan.principal,
        )
    ]
    rows += _interest_rows(loan, interest_end)
    rows += _payment_rows(loan, end)
    rows += _charge_and_refund_rows(loan, end)
    from repayments.statement_servicing import servicing_rows  # (it imports StatementRow)

    rows += servicing_rows(loan, end)
    if loan.status == LoanStatus.CANCELLED:
        _exit_labels(loan, rows)
    rows.sort(key=lambda r: (r.on, KIND_ORDER[r.kind], r.order))
    balance = ZERO
    for row in rows:
        balance += row.amount
        row.balance = balance
    return Statement(loan=loan, period_start=loan.disbursed_on, period_end=end, rows=rows)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _text(value: str) -> str:
    # A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection);
    # references and reasons are typed by people, so such text is quoted with a '.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def statement_csv(loan: Loan, *, as_of: date | None = None) -> bytes:
    """UTF-8 CSV with a header row; amounts are plain numbers with two decimals (a minus
    sign for what reduces the balance)."""
    statement = statement_build(loan, as_of=as_of)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in statement.rows:
        amounts = (r.amount, r.principal, r.interest, r.charges, r.excess, r.balance)
        writer.writerow(
            [r.on.isoformat(), r.kind, _text(r.description), _text(r.reference)]
            + [_plain(v) for v in amounts]
        )
    return out.getvalue().encode()


# --- PDF -------------------------------------------------------------------------------


class _StatementPDF(FPDF):
    def __init__(self, *, unicode_font: bool, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode_font = unicode_font
        self.footer_text = footer_text
        if unicode_font:
            self.add_font("DejaVu", "", os.path.join(FONT_DIR, "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf"))
        self.family = "DejaVu" if unicode_font else "Helvetica"
        self.set_auto_page_break(auto=True, margin=15)

    def text_for(self, value: str) -> str:
        """Core fonts know Latin-1 only: without DejaVu the rupee sign becomes "Rs." and
        the other symbols their ASCII look-alikes."""
        if self.unicode_font:
            return value
        value = value.replace("₹", "Rs.").replace("\u2212", "-").replace("—", "-")
        return value.encode("latin-1", "replace").decode("latin-1")

    def money(self, value: Decimal | None) -> str:
        return "" if value is None else self.text_for(format_inr(value))

    def footer(self):
        self.set_y(-12)
        self.set_font(self.family, "", 7)
        self.cell(0, 5, self.text_for(f"{self.footer_text} · page {self.page_no()}/{{nb}}"))


def unicode_font_available() -> bool:
    return all(
        os.path.exists(os.path.join(FONT_DIR, name))
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    )


def _split(pdf: _StatementPDF, row: StatementRow) -> str:
    if row.kind != "payment":
        return ""
    parts = [("principal", row.principal), ("interest", row.interest)]
    parts += [("charges", row.charges), ("excess", row.excess)]
    shown = [f"{name} {pdf.money(v)}" for name, v in parts if v]
    return "; ".join(shown)


def statement_pdf(loan: Loan, *, as_of: date | None = None, compress: bool = True) -> bytes:
    """A4 statement: title block (lender, borrower, loan, product, period) and the table,
    amounts in Indian grouping (₹1,00,000.00). `compress=False` keeps the page streams
    readable (tests)."""
    statement = statement_build(loan, as_of=as_of)
    loan = statement.loan
    borrower = loan.borrower.full_name or loan.borrower.email
    pdf = _StatementPDF(
        unicode_font=unicode_font_available(),
        footer_text=f"{settings.LENDER_NAME} — statement of loan #{loan.pk}",
    )
    pdf.set_compression(compress)
    pdf.set_title(f"Statement of loan #{loan.pk}")
    pdf.set_author(settings.LENDER_NAME)
    pdf.set_creator("Lendingsite")
    pdf.add_page()
    t = pdf.text_for
    pdf.set_font(pdf.family, "B", 14)
    pdf.cell(0, 8, t(settings.LENDER_NAME), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "B", 11)
    pdf.cell(0, 7, t(f"Loan statement — loan #{loan.pk}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9)
    period = f"{statement.period_start:%d %b %Y} to {statement.period_end:%d %b %Y}"
    for label, value in (
        ("Borrower", borrower),
        ("Loan", f"#{loan.pk}, {loan.get_status_display()}"),
        ("Product", loan.product.name),
        ("Principal", f"{pdf.money(loan.principal)} at {loan.annual_rate:.2f}% a year"),
        ("Period", period),
        ("Closing balance", pdf.money(statement.closing_balance)),
    ):
        pdf.cell(36, 5, t(label))
        pdf.cell(0, 5, t(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(pdf.family, "", 8)
    heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    with pdf.table(
        col_widths=(20, 78, 28, 28, 30),
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=heading,
        line_height=4.5,
    ) as table:
        table.row(["Date", "Particulars", "Owed +", pdf.text_for("Paid \u2212"), "Balance"])
        for r in statement.rows:
            particulars = r.description
            if r.reference:
                particulars += f" (ref. {r.reference})"
            split = _split(pdf, r)
            if split:
                particulars += f"\n{split}"
            table.row(
                [
                    f"{r.on:%d %b %Y}",
                    t(particulars),
                    pdf.money(r.amount) if r.amount > 0 else "",
                    pdf.money(-r.amount) if r.amount < 0 else "",
                    pdf.money(r.balance),
                ]
            )
    pdf.ln(3)
    pdf.set_font(pdf.family, "", 7)
    pdf.multi_cell(
        0,
        4,
        t(
            "Balance = principal outstanding + interest due and unpaid + charges unpaid \u2212 any "
            "credit we hold for you. Interest becomes due on each installment's due date; "
            "penal charges are never added to the rate and earn no interest."
        ),
    )
    return bytes(pdf.output())
