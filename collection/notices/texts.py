"""What each notice says: (email subject, email body, SMS) written from the notice's row at
delivery — its amount, its `data` (the facts as they were when the event happened) and the
borrower, loan and installment it points to. The in-app copy is the email's subject and
body. Plain words, amounts in Indian notation, dates as "5 Mar 2026".
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from loans.templatetags.money import format_inr


@dataclass(frozen=True)
class Texts:
    subject: str
    body: str
    sms: str


def site_url(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _first_name(user) -> str:
    return (user.full_name or "").split(" ")[0] or "Customer"


def _day(value) -> str:
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{value.day} {value:%b %Y}" if value else ""


def _inr(value) -> str:
    return format_inr(Decimal(str(value))) if value not in (None, "") else format_inr(None)


def _letter(row, *paragraphs: str) -> str:
    text = "\n\n".join(p for p in paragraphs if p)
    return (
        f"Dear {_first_name(row.borrower)},\n\n{text}\n\n"
        f"{settings.LENDER_NAME}\n"
        f"Questions or a complaint: {settings.GRIEVANCE_OFFICER['name']}, "
        f"{settings.GRIEVANCE_OFFICER['email']}, {settings.GRIEVANCE_OFFICER['phone']}.\n"
    )


def _sms(text: str) -> str:
    return f"{settings.LENDER_NAME}: {text}"


# --- recovery contact: reminders --------------------------------------------------------

BEFORE_DUE = {"due_t3": 3, "due_t1": 1, "due_today": 0}


def reminder_due(row) -> Texts:
    days = BEFORE_DUE[row.kind]
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
    amount, loan = _inr(row.amount), row.loan_id
    line = f"Your EMI of {amount} for loan #{loan} is due {when}, {_day(row.data['due_on'])}."
    body = _letter(
        row,
        line,
        "Please keep the amount ready in your account, or pay by UPI or NEFT quoting your "
        "loan number. If you have already paid, please ignore this message.",
    )
    return Texts(
        f"Your EMI of {amount} for loan #{loan} is due {when}",
        body,
        _sms(f"{line} Ignore if already paid."),
    )


def reminder_promise(row) -> Texts:
    amount, loan = _inr(row.amount), row.loan_id
    line = (
        f"As agreed with our collections team, {amount} towards loan #{loan} is due today, "
        f"{_day(row.data['due_on'])}."
    )
    body = _letter(
        row,
        line,
        "Please pay by UPI or NEFT quoting your loan number. If you have already paid, "
        "please ignore this message.",
    )
    return Texts(
        f"Your payment of {amount} for loan #{loan} is due today",
        body,
        _sms(f"{line} Ignore if already paid."),
    )


# --- transactional notices --------------------------------------------------------------


def offer_made(row) -> Texts:
    d = row.data
    valid = _day(d["valid_until"])
    body = _letter(
        row,
        f"Good news: we have approved your application #{d['application']} for a "
        f"{d['product']}. Our offer: {_inr(d['amount'])} at {d['annual_rate']}% a year "
        f"(APR {d['apr']}%), repaid in {d['installments']} monthly installments of "
        f"{_inr(d['installment_amount'])}. After the processing fee, {_inr(d['net_disbursed'])} "
        f"will be paid out to you; in all you will repay {_inr(d['total_payable'])}.",
        f"Please read the Key Fact Statement before you accept: {d['kfs_url']}",
        f"The offer is valid until the end of {valid}. After that it lapses and you would "
        "need to apply again.",
    )
    return Texts(
        f"Your loan offer of {_inr(d['amount'])} is ready (valid until {valid})",
        body,
        _sms(
            f"Your loan offer of {_inr(d['amount'])} at {d['annual_rate']}% is ready. Read the "
            f"Key Fact Statement and accept by {valid}: {d['kfs_url']}"
        ),
    )


def offer_expiring(row) -> Texts:
    d = row.data
    valid = _day(d["valid_until"])
    body = _letter(
        row,
        f"Your loan offer of {_inr(d['amount'])} (application #{d['application']}) is valid "
        f"until the end of {valid}. If you still want the loan, read the Key Fact Statement "
        f"and accept it before then: {d['kfs_url']}",
        "If you have decided against it, there is nothing to do: the offer simply lapses.",
    )
    return Texts(
        f"Your loan offer lapses after {valid}",
        body,
        _sms(f"Your loan offer of {_inr(d['amount'])} lapses after {valid}. {d['kfs_url']}"),
    )


def loan_disbursed(row) -> Texts:
    d = row.data
    account = d.get("account") or ""
    to = f"to your account {account}" if account else "to your bank account"
    body = _letter(
        row,
        f"We paid out your loan #{row.loan_id} on {_day(d['disbursed_on'])}: {_inr(d['net_disbursed'])} "
        f"was transferred {to} (bank reference {d['reference']}). The amount borrowed is "
        f"{_inr(d['principal'])}; the processing fee of {_inr(d['processing_fee'])} was deducted "
        "from it.",
        f"Your first installment of {_inr(d['first_due_amount'])} is due on "
        f"{_day(d['first_due_on'])}; {d['installments']} installments in all. Your schedule and "
        f"how to pay: {d['loan_url']}",
        f"Changed your mind? You may cancel the loan until {_day(d['cooling_off_until'])} "
        "by repaying the amount borrowed and the interest for the days you had it, without "
        "any penalty."
        if d.get("cooling_off_until")
        else "",
    )
    return Texts(
        f"Loan #{row.loan_id}: {_inr(d['net_disbursed'])} paid out",
        body,
        _sms(
            f"{_inr(d['net_disbursed'])} of loan #{row.loan_id} paid out (ref {d['reference']}). "
            f"First EMI {_inr(d['first_due_amount'])} due {_day(d['first_due_on'])}."
        ),
    )


ALLOCATION_LINES = (
    ("penal", "Penal charges"),
    ("fees", "Fees"),
    ("interest", "Interest"),
    ("principal", "Principal"),
    ("excess", "Excess (kept as a credit for you)"),
)
CLOSED_STATUSES = ("closed", "foreclosed")


def payment_received(row) -> Texts:
    d = row.data
    allocation = d["allocation"]
    lines = "\n".join(
        f"  {label}: {_inr(allocation.get(part, '0.00'))}" for part, label in ALLOCATION_LINES
    )
    if d["loan_status"] in CLOSED_STATUSES:
        owed = "This payment closed your loan: nothing more is owed."
    else:
        owed = (
            f"Still owed on the loan after this payment: {_inr(d['total_outstanding'])} "
            f"(of which principal {_inr(d['principal_outstanding'])})."
        )
    body = _letter(
        row,
        f"We received your payment of {_inr(row.amount)} for loan #{row.loan_id}, paid on "
        f"{_day(d['paid_on'])} (reference {d['utr']}). Thank you.",
        f"How it was applied:\n{lines}",
        owed,
    )
    return Texts(
        f"Receipt: {_inr(row.amount)} received for loan #{row.loan_id}",
        body,
        _sms(
            f"Received {_inr(row.amount)} for loan #{row.loan_id} on {_day(d['paid_on'])}, "
            f"ref {d['utr']}. "
            + (
                "Loan closed."
                if d["loan_status"] in CLOSED_STATUSES
                else f"Still owed {_inr(d['total_outstanding'])}."
            )
        ),
    )


CHARGE_NAMES = {"penal": "penal charge", "fee": "fee"}


def charge_levied(row) -> Texts:
    d = row.data
    name = CHARGE_NAMES.get(d.get("charge_kind"), "charge")
    installment = row.installment
    why = (
        f"Installment {installment.number} of loan #{row.loan_id}, due on "
        f"{_day(installment.due_date)}, was not paid in full"
        + (" by the end of the grace days" if d.get("charge_kind") == "penal" else "")
        + "."
    )
    body = _letter(
        row,
        f"{why} As set out in your Key Fact Statement, a {name} of {_inr(row.amount)} was "
        f"added to that installment on {_day(d['charged_on'])}.",
        "It is charged once for this installment. It is not added to your interest rate, is "
        "never added to the principal and earns no interest."
        if d.get("charge_kind") == "penal"
        else "",
        f"Please pay the overdue amount soon: {site_url('borrower:pay', row.loan_id)}. If you "
        "think the charge is wrong, write to us at the address below.",
    )
    return Texts(
        f"A {name} of {_inr(row.amount)} was added to loan #{row.loan_id}",
        body,
        _sms(
            f"A {name} of {_inr(row.amount)} was added to installment {installment.number} of "
            f"loan #{row.loan_id} on {_day(d['charged_on'])} as it is overdue. Please pay soon."
        ),
    )


def loan_closed(row) -> Texts:
    d = row.data
    how = "paid in full" if d["status"] == "closed" else "closed early (foreclosed)"
    body = _letter(
        row,
        f"Your loan #{row.loan_id} was {how} on {_day(d['closed_on'])}. Nothing more is owed "
        "on it and no charge remains. Thank you for borrowing with us.",
        f"Your No Dues Certificate is ready to download: {d['certificate_url']}",
    )
    return Texts(
        f"Loan #{row.loan_id} is closed: your No Dues Certificate",
        body,
        _sms(
            f"Loan #{row.loan_id} is closed, nothing more is owed. No Dues Certificate: "
            f"{d['certificate_url']}"
        ),
    )


# Cooling-off exit requests (repayments' ExitRequest). The facts a notice needs in `data`:
# `amount` (to pay, principal + interest for the days held), `pay_by` (date), and for the
# opened notice `reference` (what to quote when paying). Where to pay comes from
# settings.PAYMENT_INSTRUCTIONS.


def _where_to_pay() -> str:
    p = settings.PAYMENT_INSTRUCTIONS
    return (
        f"UPI {p['upi_id']}, or a bank transfer to {p['account_name']}, account "
        f"{p['account_number']}, IFSC {p['ifsc']} ({p['bank_name']})"
    )


def exit_request_opened(row) -> Texts:
    d = row.data
    body = _letter(
        row,
        f"You asked to cancel loan #{row.loan_id} within its cooling-off period. To cancel it, "
        f"pay {_inr(d['amount'])} by {_day(d['pay_by'])}: the amount you borrowed and the "
        "interest for the days you had it; there is no penalty.",
        f"Pay to {_where_to_pay()}, quoting {d.get('reference') or f'LS-{row.loan_id}'}.",
        "The loan is cancelled when the money reaches us. If it has not by then, the request "
        "lapses and the loan continues as agreed.",
    )
    return Texts(
        f"To cancel loan #{row.loan_id}, pay {_inr(d['amount'])} by {_day(d['pay_by'])}",
        body,
        _sms(
            f"To cancel loan #{row.loan_id} pay {_inr(d['amount'])} by {_day(d['pay_by'])} "
            f"quoting {d.get('reference') or f'LS-{row.loan_id}'}."
        ),
    )


def exit_request_lapsed(row) -> Texts:
    d = row.data
    body = _letter(
        row,
        f"Your request to cancel loan #{row.loan_id} lapsed: we did not receive "
        f"{_inr(d['amount'])} by {_day(d['pay_by'])}. The loan continues as agreed, with its "
        f"schedule unchanged: {site_url('borrower:loan', row.loan_id)}",
    )
    return Texts(
        f"Your request to cancel loan #{row.loan_id} lapsed",
        body,
        _sms(f"Your request to cancel loan #{row.loan_id} lapsed; the loan continues."),
    )


def exit_request_completed(row) -> Texts:
    d = row.data
    body = _letter(
        row,
        f"We received {_inr(d['amount'])} and cancelled loan #{row.loan_id} within its "
        "cooling-off period. Nothing more is owed on it.",
    )
    return Texts(
        f"Loan #{row.loan_id} is cancelled",
        body,
        _sms(f"Loan #{row.loan_id} is cancelled; nothing more is owed."),
    )
