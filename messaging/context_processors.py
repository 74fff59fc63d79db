"""The unread-messages count for the header (borrower pages and the officer console)."""

from django.utils.functional import SimpleLazyObject

from messaging.selectors import unread_count


def unread(request):
    user = getattr(request, "user", None)
    # Lazy: a page whose template never shows the count pays no query for it.
    return {"messages_unread": SimpleLazyObject(lambda: unread_count(user) if user else 0)}
