"""Every kind of message a borrower gets, in one table: what the borrower's page calls it,
whether it is recovery contact (calling hours and the consent to reminders apply,
collection.notices.hours) or a transactional notice (any hour, always sent), and the
function that writes its texts (collection.notices.texts).

Adding a notice for a new event is a row here, a text function, and a listener that
builds its draft (collection.notices.listeners).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from collection.notices import texts
from collection.notify import CHANNELS


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # the borrower's messages page, in plain words
    recovery: bool
    render: Callable[..., texts.Texts]

    @property
    def channels(self) -> list[str]:
        """The channels besides in-app: REMINDER_CHANNELS for recovery contact,
        NOTICE_CHANNELS for transactional notices."""
        wanted = settings.REMINDER_CHANNELS if self.recovery else settings.NOTICE_CHANNELS
        return [c for c in CHANNELS if c in wanted]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("due_t3", "Reminder: an installment is due in 3 days", True, texts.reminder_due),
        Kind("due_t1", "Reminder: an installment is due tomorrow", True, texts.reminder_due),
        Kind("due_today", "Reminder: an installment is due today", True, texts.reminder_due),
        Kind(
            "promise_due",
            "Reminder: the payment you promised is due",
            True,
            texts.reminder_promise,
        ),
        Kind("offer_made", "Your loan offer", False, texts.offer_made),
        Kind("offer_expiring", "Your loan offer is about to lapse", False, texts.offer_expiring),
        Kind("loan_disbursed", "Your loan was paid out", False, texts.loan_disbursed),
        Kind("payment_received", "Receipt for your payment", False, texts.payment_received),
        Kind("charge_levied", "A charge was added to your loan", False, texts.charge_levied),
        Kind("debit_bounced", "An auto-debit bounced", False, texts.debit_bounced),
        Kind("loan_closed", "Your loan is closed", False, texts.loan_closed),
        Kind(
            "exit_request_opened",
            "Cancelling your loan: what to pay",
            False,
            texts.exit_request_opened,
        ),
        Kind(
            "exit_request_lapsed",
            "Your request to cancel lapsed",
            False,
            texts.exit_request_lapsed,
        ),
        Kind(
            "exit_request_completed",
            "Your loan was cancelled",
            False,
            texts.exit_request_completed,
        ),
    )
}
RECOVERY_KINDS = sorted(name for name, kind in KINDS.items() if kind.recovery)
TRANSACTIONAL_KINDS = sorted(name for name, kind in KINDS.items() if not kind.recovery)
