"""Pure rules of messaging, without the database (tested directly and with hypothesis).

The calling-hours window itself is the one statement in collection.notices.hours
(08:00-19:00 IST, RBI's rules for recovery agents); this module says when it applies to a
message and what follows for delivery and the unread email."""

from datetime import datetime, timedelta

from collection.notices.hours import next_calling_window


def delivery_moment(*, recovery_sender: bool, sent_at: datetime) -> datetime:
    """When a message reaches the borrower: at once, except recovery contact (a collector
    writing to the borrower) outside calling hours, which waits until the next 08:00 IST."""
    return next_calling_window(sent_at) if recovery_sender else sent_at


def unread_notice_due(
    *,
    oldest_unread_at: datetime | None,
    last_read_at: datetime | None,
    notice_sent_at: datetime | None,
    now: datetime,
    after: timedelta,
) -> bool:
    """Should the reader get an email about this thread now? Yes when something has waited
    unread for `after`, and no notice went since they last read it: one email per unread
    stretch, however many messages arrive in it."""
    if oldest_unread_at is None or now - oldest_unread_at < after:
        return False
    if notice_sent_at is None:
        return True
    return last_read_at is not None and last_read_at > notice_sent_at
