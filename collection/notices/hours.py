"""When a message may reach a borrower: the one statement of the calling-hours rule.

RBI's rules for recovery agents allow no contact before 08:00 or after 19:00 (IST), so
**recovery contact** — reminders of what is due, promises to pay, a collector's calls — is
made only when the moment is in [08:00, 19:00); 19:00 itself is outside. A message of that
kind made outside the window waits (`held`) until the next 08:00.

**Transactional notices** — an offer, a disbursement, a receipt, a penal charge levied, an
exit request, a closure — answer something that just happened to the borrower's loan and
go at any hour; RBI requires some of them (each penal charge must be communicated). The
in-app copy of any message is not contact either: it waits on the borrower's own page.

Which kind is which is `collection.notices.kinds.Kind.recovery`; this module is where the
hour is checked, for the reminders, the notices and the collectors' contact log alike.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from collection.notify import IN_APP

IST = ZoneInfo("Asia/Kolkata")
WINDOW_OPENS = time(8, 0)
WINDOW_CLOSES = time(19, 0)  # exclusive


def in_calling_hours(moment: datetime) -> bool:
    return WINDOW_OPENS <= moment.astimezone(IST).time() < WINDOW_CLOSES


def next_calling_window(moment: datetime) -> datetime:
    """`moment` itself when inside the window, else the next 08:00 IST."""
    if in_calling_hours(moment):
        return moment
    local = moment.astimezone(IST)
    day = local.date() if local.time() < WINDOW_OPENS else local.date() + timedelta(days=1)
    return datetime.combine(day, WINDOW_OPENS, tzinfo=IST)


def hours_apply(*, recovery: bool, channel: str) -> bool:
    """Does the calling-hours rule hold back this message? Only recovery contact on a
    channel that reaches the borrower (email, SMS); never a transactional notice, never the
    in-app copy."""
    return recovery and channel != IN_APP


def may_send_at(*, recovery: bool, channel: str, moment: datetime) -> bool:
    return not hours_apply(recovery=recovery, channel=channel) or in_calling_hours(moment)


def send_not_before(*, recovery: bool, channel: str, moment: datetime) -> datetime:
    """The earliest moment the message may go: `moment`, or the next window's opening."""
    if may_send_at(recovery=recovery, channel=channel, moment=moment):
        return moment
    return next_calling_window(moment)
