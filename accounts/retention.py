"""The retention job (DPDP Act s.8(7): personal data goes once its purpose is served and
no law needs it). A borrower relationship that has been over for RETENTION_YEARS (PMLA
s.12 and the RBI KYC Master Direction keep records five years after it ends) is
anonymised with the same function as an erasure on request
(accounts.services.privacy.personal_data_anonymise): loans, payments, ledger, consent
history and the audit trail stay; names, contact details, PAN, date of birth, address,
KYC files and account numbers go.

"Over" means: no loan or application that holds data (privacy.erasure_blockers), no
screening hit that is unresolved or confirmed (those records are kept for the FIU), and
nothing happened on the relationship (loan, application, profile change, sign-in) since
the cut-off date.
"""

from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import BorrowerProfile, User
from accounts.services.privacy import (
    _APPLICATION_HOLDS,
    _LOAN_HOLDS,
    erasure_blockers,
    personal_data_anonymise,
)
from lendingsite.audit import audit_record
from lendingsite.dates import today_ist

ANONYMISED_SUFFIX = "@invalid"


def retention_cutoff(*, as_of: date) -> datetime:
    days = round(float(settings.RETENTION_YEARS) * 365.25)
    start = as_of - timedelta(days=days)
    return timezone.make_aware(datetime.combine(start, time.min))


def _recent(model_label: str, user_field: str, field: str, cutoff) -> Exists | None:
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    return Exists(model.objects.filter(**{user_field: OuterRef("pk"), f"{field}__gte": cutoff}))


def retention_due(*, as_of: date):
    """Borrowers whose relationship ended before the cut-off (read-only)."""
    cutoff = retention_cutoff(as_of=as_of)
    people = (
        User.objects.filter(is_staff=False, is_superuser=False)
        .filter(Exists(BorrowerProfile.objects.filter(user=OuterRef("pk"))))
        .exclude(email__endswith=ANONYMISED_SUFFIX)
        .filter(date_joined__lt=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
        .exclude(
            Exists(BorrowerProfile.objects.filter(user=OuterRef("pk"), updated_at__gte=cutoff))
        )
    )
    for label, field in (("loans.Loan", "updated_at"), ("loans.LoanApplication", "updated_at")):
        recent = _recent(label, "borrower", field, cutoff)
        if recent is not None:
            people = people.exclude(recent)
    for label, holds in (
        ("loans.Loan", _LOAN_HOLDS),
        ("loans.LoanApplication", _APPLICATION_HOLDS),
    ):
        if apps.is_installed(label.split(".")[0]):
            model = apps.get_model(label)
            people = people.exclude(
                Exists(model.objects.filter(borrower=OuterRef("pk"), status__in=holds))
            )
    if apps.is_installed("accounts.screening"):
        from accounts.screening.models import UNRESOLVED, HitStatus, ScreeningHit

        held = ScreeningHit.objects.filter(
            user=OuterRef("pk"), status__in=[*UNRESOLVED, HitStatus.CONFIRMED]
        )
        people = people.exclude(Exists(held))
    return people.order_by("pk")


def retention_anonymise(*, as_of: date | None = None, dry_run: bool = False) -> dict:
    """Anonymise every borrower due on `as_of` (today in IST); one transaction each, so a
    failure leaves the others done. Returns counts and the ids (for the command)."""
    as_of = as_of or today_ist()
    done, skipped = [], []
    for user in retention_due(as_of=as_of):
        if dry_run:
            done.append(user.pk)
            continue
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            if erasure_blockers(user=locked):
                skipped.append(user.pk)
                continue
            changed = personal_data_anonymise(user=locked, now=timezone.now())
            audit_record(
                action="privacy.retention_anonymised",
                actor=None,
                target=locked,
                after={
                    **changed,
                    "as_of": as_of.isoformat(),
                    "retention_years": settings.RETENTION_YEARS,
                },
            )
        done.append(user.pk)
    return {"as_of": as_of.isoformat(), "anonymised": done, "skipped": skipped, "dry_run": dry_run}
