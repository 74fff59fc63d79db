"""The unread-messages count for the header (borrower pages and the officer console)."""

from django.utils.functional import SimpleLazyObject

from lendingsite.dates import today_ist
from lendingsite.readcache import borrower_cached
from messaging.selectors import is_staff_side, unread_count


def unread_shown(user) -> int:
    """The header's number. A borrower's is kept with their other reads
    (lendingsite.readcache): a message to or from them is audited, and reading a thread
    changes their token (messaging.services.threads.thread_read_mark). Staff counts span
    many borrowers' conversations: always counted."""
    if not getattr(user, "is_authenticated", False) or is_staff_side(user):
        return unread_count(user)
    return borrower_cached(
        borrower_id=user.pk,
        today=today_ist(),
        what="messages-unread",
        compute=lambda: unread_count(user),
    )


def unread(request):
    user = getattr(request, "user", None)
    # Lazy: a page whose template never shows the count pays no query for it.
    return {"messages_unread": SimpleLazyObject(lambda: unread_shown(user) if user else 0)}
