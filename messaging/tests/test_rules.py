"""The pure rules: when a message reaches the borrower, when the unread email is due."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from collection.notices.hours import IST, in_calling_hours
from messaging.rules import delivery_moment, unread_notice_due

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)


def ist(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=IST)


@given(moments)
def test_recovery_message_reaches_the_borrower_only_in_calling_hours(sent_at):
    deliver = delivery_moment(recovery_sender=True, sent_at=sent_at)
    assert deliver >= sent_at
    assert in_calling_hours(deliver)
    if in_calling_hours(sent_at):
        assert deliver == sent_at
    else:
        local = deliver.astimezone(IST)
        assert (local.hour, local.minute, local.second) == (8, 0, 0)
        # The very next opening: less than the 13-hour night away.
        assert deliver - sent_at <= timedelta(hours=13)


@given(moments)
def test_other_messages_go_at_once(sent_at):
    assert delivery_moment(recovery_sender=False, sent_at=sent_at) == sent_at


def test_window_edges():
    assert delivery_moment(recovery_sender=True, sent_at=ist(2026, 3, 2, 7, 59)) == ist(
        2026, 3, 2, 8
    )
    assert delivery_moment(recovery_sender=True, sent_at=ist(2026, 3, 2, 8)) == ist(2026, 3, 2, 8)
    assert delivery_moment(recovery_sender=True, sent_at=ist(2026, 3, 2, 18, 59)) == ist(
        2026, 3, 2, 18, 59
    )
    # 19:00 itself is outside: tomorrow 08:00.
    assert delivery_moment(recovery_sender=True, sent_at=ist(2026, 3, 2, 19)) == ist(2026, 3, 3, 8)


NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
AFTER = timedelta(minutes=30)


def test_unread_notice_waits_for_the_delay():
    assert not unread_notice_due(
        oldest_unread_at=NOW - timedelta(minutes=29),
        last_read_at=None,
        notice_sent_at=None,
        now=NOW,
        after=AFTER,
    )
    assert unread_notice_due(
        oldest_unread_at=NOW - AFTER, last_read_at=None, notice_sent_at=None, now=NOW, after=AFTER
    )


def test_unread_notice_once_per_stretch():
    sent = NOW - timedelta(minutes=10)
    # Already told since the last read: no second email however many messages came.
    assert not unread_notice_due(
        oldest_unread_at=NOW - timedelta(hours=2),
        last_read_at=NOW - timedelta(hours=3),
        notice_sent_at=sent,
        now=NOW,
        after=AFTER,
    )
    # Read after the notice, then a new message waited: a new stretch, a new email.
    assert unread_notice_due(
        oldest_unread_at=NOW - timedelta(hours=1),
        last_read_at=sent + timedelta(minutes=1),
        notice_sent_at=sent,
        now=NOW,
        after=AFTER,
    )


def test_nothing_unread_no_notice():
    assert not unread_notice_due(
        oldest_unread_at=None, last_read_at=None, notice_sent_at=None, now=NOW, after=AFTER
    )


@given(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    st.one_of(st.none(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3))),
    st.one_of(st.none(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3))),
)
def test_notice_never_twice_without_a_read(waited, read_ago, sent_ago):
    """Whatever the timings: once a notice went and nothing was read after it, no more."""
    last_read = None if read_ago is None else NOW - read_ago
    sent = None if sent_ago is None else NOW - sent_ago
    due = unread_notice_due(
        oldest_unread_at=NOW - waited,
        last_read_at=last_read,
        notice_sent_at=sent,
        now=NOW,
        after=AFTER,
    )
    if sent is not None and (last_read is None or last_read <= sent):
        assert not due
    if waited < AFTER:
        assert not due
