"""Who sees which thread, and what it shows them. Decided here and only here.

- a borrower: the threads about their own applications and loans;
- a collector: the threads about the loans of their own cases (collection.selectors);
- other staff: the threads about the applications and loans they may see
  (loans.selectors.applications_for / loans_for), so the console's rules stay the rules.
Anyone else's thread is simply not found (404).
"""

from datetime import UTC, datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from accounts.roles import COLLECTIONS_MANAGER, COLLECTOR
from collection.selectors import cases_for
from loans.selectors import applications_for, loans_for
from messaging.models import Message, Thread, ThreadRead

HIDE_PERM = "messaging.hide_message"
VIEW_LOAN_PERM = "loans.view_loan"  # loans.selectors.loans_for: sees every loan
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def is_staff_side(user) -> bool:
    return bool(getattr(user, "is_staff", False))


def is_recovery_staff(user) -> bool:
    """Recovery contact (RBI's calling hours) is what collectors and their managers send."""
    cache = user.__dict__.setdefault("_messaging_recovery", {})
    if "v" not in cache:
        cache["v"] = user.groups.filter(name__in=[COLLECTOR, COLLECTIONS_MANAGER]).exists()
    return cache["v"]


def threads_for(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Thread.objects.none()
    if not is_staff_side(user):
        return Thread.objects.filter(borrower=user)
    seen = Q(application__in=applications_for(user).values("pk")) | Q(
        loan__in=loans_for(user).values("pk")
    )
    if not user.has_perm(VIEW_LOAN_PERM):
        # Whoever sees every loan already sees every case's loan; the others (collectors)
        # see the loans of the cases they may see.
        seen |= Q(loan__in=cases_for(user).values("loan_id"))
    return Thread.objects.filter(seen)


def visible_messages(user, thread: Thread) -> QuerySet:
    """A thread's messages for `user`: the borrower sees what was delivered (a hidden one as
    a marker, its text withheld by the caller); staff also see what is held, with the hold."""
    qs = Message.objects.filter(thread=thread).select_related("sender")
    if not is_staff_side(user):
        qs = qs.filter(delivered_at__isnull=False)
    return qs.order_by("created_at", "id")


def _read_at(user):
    return Subquery(
        ThreadRead.objects.filter(thread=OuterRef("thread"), user=user).values("last_read_at")[:1]
    )


def unread_count(user) -> int:
    """The header's number: one query."""
    if not getattr(user, "is_authenticated", False):
        return 0
    from_staff = not is_staff_side(user)
    read = ThreadRead.objects.filter(
        thread=OuterRef("thread"), user=user, last_read_at__gte=OuterRef("delivered_at")
    )
    return (
        Message.objects.filter(
            thread__in=threads_for(user).values("pk"),
            delivered_at__isnull=False,
            hidden_at__isnull=True,
            from_staff=from_staff,
        )
        .exclude(Exists(read))
        .count()
    )


def threads_listed(user) -> QuerySet:
    """The thread list with each thread's unread count for `user`, in one query."""
    from_staff = not is_staff_side(user)
    read = ThreadRead.objects.filter(
        thread=OuterRef("thread"), user=user, last_read_at__gte=OuterRef("delivered_at")
    )
    unread = (
        Message.objects.filter(
            thread=OuterRef("pk"),
            delivered_at__isnull=False,
            hidden_at__isnull=True,
            from_staff=from_staff,
        )
        .exclude(Exists(read))
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        threads_for(user)
        .select_related("borrower")
        .annotate(unread=Subquery(unread))
        .order_by("-last_message_at", "-id")
    )


def read_marks(thread: Thread) -> dict[str, datetime]:
    """How far each side has read: {"borrower": t, "staff": t} (the read receipts)."""
    marks = {"borrower": EPOCH, "staff": EPOCH}
    rows = ThreadRead.objects.filter(thread=thread, last_read_at__isnull=False).values_list(
        "user_id", "last_read_at"
    )
    for user_id, at in rows:
        side = "borrower" if user_id == thread.borrower_id else "staff"
        marks[side] = max(marks[side], at)
    return marks


def message_search(user, query: str) -> QuerySet:
    """Staff search within the threads they may see (text of unhidden and hidden alike:
    moderation needs both; erased text is gone)."""
    return (
        Message.objects.filter(thread__in=threads_for(user).values("pk"), body__icontains=query)
        .select_related("thread", "sender")
        .order_by("-created_at", "-id")
    )
