"""Cooling-off exit requests (repayments' ExitRequest): opened, lapsed, completed."""

from django.conf import settings

from collection.notices.texts.common import Texts, day, inr, letter, site_url, sms

# settings.PAYMENT_INSTRUCTIONS.


def _where_to_pay() -> str:
    p = settings.PAYMENT_INSTRUCTIONS
    return (
        f"UPI {p['upi_id']}, or a bank transfer to {p['account_name']}, account "
        f"{p['account_number']}, IFSC {p['ifsc']} ({p['bank_name']})"
    )


def exit_request_opened(row) -> Texts:
    d = row.data
    body = letter(
        row,
        f"You asked to cancel loan #{row.loan_id} within its cooling-off period. To cancel it, "
        f"pay {inr(d['amount'])} by {day(d['pay_by'])}: the amount you borrowed and the "
        "interest for the days you had it; there is no penalty.",
        f"Pay to {_where_to_pay()}, quoting {d.get('reference') or f'LS-{row.loan_id}'}.",
        "The loan is cancelled when the money reaches us. If it has not by then, the request "
        "lapses and the loan continues as agreed.",
    )
    return Texts(
        f"To cancel loan #{row.loan_id}, pay {inr(d['amount'])} by {day(d['pay_by'])}",
        body,
        sms(
            f"To cancel loan #{row.loan_id} pay {inr(d['amount'])} by {day(d['pay_by'])} "
            f"quoting {d.get('reference') or f'LS-{row.loan_id}'}."
        ),
    )


def exit_request_lapsed(row) -> Texts:
    d = row.data
    body = letter(
        row,
        f"Your request to cancel loan #{row.loan_id} lapsed: we did not receive "
        f"{inr(d['amount'])} by {day(d['pay_by'])}. The loan continues as agreed, with its "
        f"schedule unchanged: {site_url('borrower:loan', row.loan_id)}",
    )
    return Texts(
        f"Your request to cancel loan #{row.loan_id} lapsed",
        body,
        sms(f"Your request to cancel loan #{row.loan_id} lapsed; the loan continues."),
    )


def exit_request_completed(row) -> Texts:
    d = row.data
    body = letter(
        row,
        f"We received {inr(d['amount'])} and cancelled loan #{row.loan_id} within its "
        "cooling-off period. Nothing more is owed on it.",
        *(
            [f"Your No Dues Certificate: {d['certificate_url']}"]
            if d.get("certificate_url")
            else []
        ),
    )
    return Texts(
        f"Loan #{row.loan_id} is cancelled",
        body,
        sms(f"Loan #{row.loan_id} is cancelled; nothing more is owed."),
    )
