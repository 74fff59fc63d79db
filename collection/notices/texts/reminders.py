"""Recovery contact: reminders of an installment falling due and of a promise to pay."""

from collection.notices.texts.common import Texts, day, inr, letter, sms

BEFORE_DUE = {"due_t3": 3, "due_t1": 1, "due_today": 0}


def reminder_due(row) -> Texts:
    days = BEFORE_DUE[row.kind]
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
    amount, loan = inr(row.amount), row.loan_id
    line = f"Your EMI of {amount} for loan #{loan} is due {when}, {day(row.data['due_on'])}."
    body = letter(
        row,
        line,
        "Please keep the amount ready in your account, or pay by UPI or NEFT quoting your "
        "loan number. If you have already paid, please ignore this message.",
    )
    return Texts(
        f"Your EMI of {amount} for loan #{loan} is due {when}",
        body,
        sms(f"{line} Ignore if already paid."),
    )


def reminder_promise(row) -> Texts:
    amount, loan = inr(row.amount), row.loan_id
    line = (
        f"As agreed with our collections team, {amount} towards loan #{loan} is due today, "
        f"{day(row.data['due_on'])}."
    )
    body = letter(
        row,
        line,
        "Please pay by UPI or NEFT quoting your loan number. If you have already paid, "
        "please ignore this message.",
    )
    return Texts(
        f"Your payment of {amount} for loan #{loan} is due today",
        body,
        sms(f"{line} Ignore if already paid."),
    )
