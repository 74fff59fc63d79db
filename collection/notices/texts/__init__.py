"""What each notice says: (email subject, email body, SMS) written from the notice's row at
delivery — its amount, its `data` (the facts as they were when the event happened) and the
borrower, loan and installment it points to. The in-app copy is the email's subject and
body. Plain words, amounts in Indian notation, dates as "5 Mar 2026".
"""

from collection.notices.texts.common import Texts, site_url
from collection.notices.texts.exits import (
    exit_request_completed,
    exit_request_lapsed,
    exit_request_opened,
)
from collection.notices.texts.loans import (
    CLOSED_STATUSES,
    charge_levied,
    debit_bounced,
    loan_closed,
    loan_disbursed,
    offer_expiring,
    offer_made,
    payment_received,
)
from collection.notices.texts.reminders import BEFORE_DUE, reminder_due, reminder_promise

__all__ = [
    "BEFORE_DUE",
    "CLOSED_STATUSES",
    "Texts",
    "charge_levied",
    "debit_bounced",
    "exit_request_completed",
    "exit_request_lapsed",
    "exit_request_opened",
    "loan_closed",
    "loan_disbursed",
    "offer_expiring",
    "offer_made",
    "payment_received",
    "reminder_due",
    "reminder_promise",
    "site_url",
]
