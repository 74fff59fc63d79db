"""Transactional notices on an application and a loan: the offer, its lapsing, the
payout, a receipt, a charge levied, the closure."""

from collection.notices.texts.common import Texts, day, inr, letter, site_url, sms


def offer_made(row) -> Texts:
    d = row.data
    valid = day(d["valid_until"])
    body = letter(
        row,
        f"Good news: we have approved your application #{d['application']} for a "
        f"{d['product']}. Our offer: {inr(d['amount'])} at {d['annual_rate']}% a year "
        f"(APR {d['apr']}%), repaid in {d['installments']} monthly installments of "
        f"{inr(d['installment_amount'])}. After the processing fee, {inr(d['net_disbursed'])} "
        f"will be paid out to you; in all you will repay {inr(d['total_payable'])}.",
        f"Please read the Key Fact Statement before you accept: {d['kfs_url']}",
        f"The offer is valid until the end of {valid}. After that it lapses and you would "
        "need to apply again.",
    )
    return Texts(
        f"Your loan offer of {inr(d['amount'])} is ready (valid until {valid})",
        body,
        sms(
            f"Your loan offer of {inr(d['amount'])} at {d['annual_rate']}% is ready. Read the "
            f"Key Fact Statement and accept by {valid}: {d['kfs_url']}"
        ),
    )


def offer_expiring(row) -> Texts:
    d = row.data
    valid = day(d["valid_until"])
    body = letter(
        row,
        f"Your loan offer of {inr(d['amount'])} (application #{d['application']}) is valid "
        f"until the end of {valid}. If you still want the loan, read the Key Fact Statement "
        f"and accept it before then: {d['kfs_url']}",
        "If you have decided against it, there is nothing to do: the offer simply lapses.",
    )
    return Texts(
        f"Your loan offer lapses after {valid}",
        body,
        sms(f"Your loan offer of {inr(d['amount'])} lapses after {valid}. {d['kfs_url']}"),
    )


def loan_disbursed(row) -> Texts:
    d = row.data
    account = d.get("account") or ""
    to = f"to your account {account}" if account else "to your bank account"
    body = letter(
        row,
        f"We paid out your loan #{row.loan_id} on {day(d['disbursed_on'])}: {inr(d['net_disbursed'])} "
        f"was transferred {to} (bank reference {d['reference']}). The amount borrowed is "
        f"{inr(d['principal'])}; the processing fee of {inr(d['processing_fee'])} was deducted "
        "from it.",
        f"Your first installment of {inr(d['first_due_amount'])} is due on "
        f"{day(d['first_due_on'])}; {d['installments']} installments in all. Your schedule and "
        f"how to pay: {d['loan_url']}",
        f"Changed your mind? You may cancel the loan until {day(d['cooling_off_until'])} "
        "by repaying the amount borrowed and the interest for the days you had it, without "
        "any penalty."
        if d.get("cooling_off_until")
        else "",
    )
    return Texts(
        f"Loan #{row.loan_id}: {inr(d['net_disbursed'])} paid out",
        body,
        sms(
            f"{inr(d['net_disbursed'])} of loan #{row.loan_id} paid out (ref {d['reference']}). "
            f"First EMI {inr(d['first_due_amount'])} due {day(d['first_due_on'])}."
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
        f"  {label}: {inr(allocation.get(part, '0.00'))}" for part, label in ALLOCATION_LINES
    )
    if d["loan_status"] in CLOSED_STATUSES:
        owed = "This payment closed your loan: nothing more is owed."
    else:
        owed = (
            f"Still owed on the loan after this payment: {inr(d['total_outstanding'])} "
            f"(of which principal {inr(d['principal_outstanding'])})."
        )
    body = letter(
        row,
        f"We received your payment of {inr(row.amount)} for loan #{row.loan_id}, paid on "
        f"{day(d['paid_on'])} (reference {d['utr']}). Thank you.",
        f"How it was applied:\n{lines}",
        owed,
    )
    return Texts(
        f"Receipt: {inr(row.amount)} received for loan #{row.loan_id}",
        body,
        sms(
            f"Received {inr(row.amount)} for loan #{row.loan_id} on {day(d['paid_on'])}, "
            f"ref {d['utr']}. "
            + (
                "Loan closed."
                if d["loan_status"] in CLOSED_STATUSES
                else f"Still owed {inr(d['total_outstanding'])}."
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
        f"{day(installment.due_date)}, was not paid in full"
        + (" by the end of the grace days" if d.get("charge_kind") == "penal" else "")
        + "."
    )
    body = letter(
        row,
        f"{why} As set out in your Key Fact Statement, a {name} of {inr(row.amount)} was "
        f"added to that installment on {day(d['charged_on'])}.",
        "It is charged once for this installment. It is not added to your interest rate, is "
        "never added to the principal and earns no interest."
        if d.get("charge_kind") == "penal"
        else "",
        f"Please pay the overdue amount soon: {site_url('borrower:pay', row.loan_id)}. If you "
        "think the charge is wrong, write to us at the address below.",
    )
    return Texts(
        f"A {name} of {inr(row.amount)} was added to loan #{row.loan_id}",
        body,
        sms(
            f"A {name} of {inr(row.amount)} was added to installment {installment.number} of "
            f"loan #{row.loan_id} on {day(d['charged_on'])} as it is overdue. Please pay soon."
        ),
    )


def loan_closed(row) -> Texts:
    d = row.data
    how = "paid in full" if d["status"] == "closed" else "closed early (foreclosed)"
    body = letter(
        row,
        f"Your loan #{row.loan_id} was {how} on {day(d['closed_on'])}. Nothing more is owed "
        "on it and no charge remains. Thank you for borrowing with us.",
        f"Your No Dues Certificate is ready to download: {d['certificate_url']}",
    )
    return Texts(
        f"Loan #{row.loan_id} is closed: your No Dues Certificate",
        body,
        sms(
            f"Loan #{row.loan_id} is closed, nothing more is owed. No Dues Certificate: "
            f"{d['certificate_url']}"
        ),
    )


def debit_bounced(row) -> Texts:
    """An auto-debit of an installment bounced (the mandates app makes this notice)."""
    d = row.data
    again = (
        f"We will present it again on {day(d['represent_on'])}; please keep the amount in "
        "your account, or pay now."
        if d.get("represent_on")
        else "We will not present it again: please pay it yourself."
    )
    body = letter(
        row,
        f"The auto-debit of {inr(row.amount)} for the installment of loan #{row.loan_id} due "
        f"on {day(d['due_date'])} was returned by your bank: {d['reason']} (code "
        f"{d['reason_code']}).",
        again,
        f"Pay now: {site_url('borrower:pay', row.loan_id)}. Any bounce charge in your Key Fact "
        "Statement is shown on your loan page; it is never added to the principal.",
    )
    return Texts(
        f"The auto-debit for loan #{row.loan_id} bounced",
        body,
        sms(
            f"Auto-debit of {inr(row.amount)} for loan #{row.loan_id} was returned by your bank "
            f"({d['reason']}). Please pay: {site_url('borrower:pay', row.loan_id)}"
        ),
    )
