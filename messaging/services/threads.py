"""Opening a thread (one per application, one per loan) and marking it read."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from collection.selectors import cases_for
from lendingsite import readcache
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from loans.models import Loan, LoanApplication
from loans.selectors import applications_for, loans_for
from messaging import live
from messaging.models import Thread, ThreadRead
from messaging.selectors import is_staff_side, threads_for


def _not_found(what: str) -> DomainError:
    return DomainError("not_found", f"{what} was not found.")


def _object_visible(user: User, *, application=None, loan=None) -> bool:
    if application is not None:
        return applications_for(user).filter(pk=application.pk).exists()
    return (
        loans_for(user).filter(pk=loan.pk).exists()
        or cases_for(user).filter(loan_id=loan.pk).exists()
    )


def thread_get_visible(*, user: User, thread_id: int) -> Thread:
    """The thread, if `user` may see it; another person's thread is simply not found."""
    thread = threads_for(user).select_related("borrower").filter(pk=thread_id).first()
    if thread is None:
        raise _not_found(f"Thread #{thread_id}")
    return thread


@refusals_audited("thread.open_refused")
@transaction.atomic
def thread_open(
    *,
    acting_user: User,
    application: LoanApplication | None = None,
    loan: Loan | None = None,
) -> tuple[Thread, bool]:
    """The thread about `application` or `loan` (exactly one), created on first use.
    Returns (thread, created). Someone who may not see the object gets not_found."""
    if (application is None) == (loan is None):
        message = "Give either an application or a loan."
        raise DomainError("validation_error", message, errors={"loan": [message]})
    what = f"Loan #{loan.pk}" if loan is not None else f"Application #{application.pk}"
    if not _object_visible(acting_user, application=application, loan=loan):
        raise _not_found(what)
    about = {"loan": loan} if loan is not None else {"application": application}
    existing = Thread.objects.filter(**about).first()
    if existing is not None:
        return existing, False
    borrower_id = (loan or application).borrower_id
    try:
        with transaction.atomic():
            thread = Thread.objects.create(borrower_id=borrower_id, **about)
    except IntegrityError:  # opened by someone else a moment ago
        return Thread.objects.get(**about), False
    audit_record(
        action="thread.opened",
        actor=acting_user,
        target=thread,
        after={"borrower": borrower_id, **{k: v.pk for k, v in about.items()}},
    )
    return thread, True


@transaction.atomic
def thread_read_mark(*, acting_user: User, thread: Thread, at=None) -> ThreadRead:
    """`acting_user` has read `thread` up to now: the read receipt the other side sees, and
    the end of the unread stretch (the next unread message may be emailed about again).
    Not audited: reading is not a change of anything the lender keeps."""
    thread = thread_get_visible(user=acting_user, thread_id=thread.pk)
    at = at or timezone.now()
    mark, _ = ThreadRead.objects.get_or_create(thread=thread, user=acting_user)
    if mark.last_read_at is None or mark.last_read_at < at:
        mark.last_read_at = at
        mark.save(update_fields=["last_read_at"])
        if not is_staff_side(acting_user):  # their kept unread count is now wrong
            readcache.borrowers_changed([acting_user.pk])
        live.thread_read(thread.pk, acting_user.pk)
    return mark


def side_of(user: User) -> str:
    return "staff" if is_staff_side(user) else "borrower"
