"""Eligibility re-run when its inputs change (docs/decisions.md, "Decisions use today's
facts"): KYC verified or rejected, the borrower's income or date of birth on the profile,
the income or existing EMIs on the application, and again at recommendation and decision.

Only applications still waiting for a decision (submitted, under review) are re-scored: an
approved offer's KFS is fixed and binding for its validity, so it is not repriced under the
borrower; a credit manager who learns a new fact withdraws the offer instead. Each re-score
is an audit event `application.rescored` with the old and new score, grade and reasons.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.switches import switch_is_on
from loans.models import ApplicationStatus, LoanApplication
from loans.services.applications.rules import (
    CHANGE_PERM,
    application_score_now,
    hard_stop_codes,
    locked,
    refuse_outsider,
    require_state,
)

AWAITING_DECISION = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)


def _scored(app: LoanApplication) -> dict:
    return {
        "score": app.score,
        "grade": app.grade,
        "reasons": [r["code"] for r in app.reasons or []],
        "hard_stops": hard_stop_codes(app.reasons),
    }


def application_rescore(
    *,
    app: LoanApplication,
    actor,
    trigger: str,
    business_date: date,
    before_extra: dict | None = None,
    after_extra: dict | None = None,
):
    """Score `app` (already locked by the caller) on today's facts, store the result and
    record it. Returns the score result. With scoring switched off nothing is stored: the
    application keeps its "scoring disabled" note for the credit manager."""
    result = application_score_now(application=app, business_date=business_date)
    if not switch_is_on("SCORING_ENABLED"):
        return result
    before = {**_scored(app), **(before_extra or {})}
    app.score, app.grade = result.score, result.grade
    app.reasons = [r.as_dict() for r in result.reasons]
    app.save(
        update_fields=["score", "grade", "reasons", "monthly_income", "existing_emis", "updated_at"]
    )
    after = _scored(app)
    audit_record(
        action="application.rescored",
        actor=actor,
        target=app,
        before=before,
        after={
            **after,
            **(after_extra or {}),
            "trigger": trigger,
            "changed": {k: before[k] for k in after} != after,
        },
    )
    return result


def applications_rescore_for_borrower(
    *,
    borrower,
    actor,
    trigger: str,
    monthly_income: Decimal | None = None,
    business_date: date | None = None,
) -> int:
    """Re-score every application of `borrower` awaiting a decision (listeners call this
    inside the transaction of the change that triggered it). With `monthly_income` (the
    borrower declared a new income on their profile) each takes that income first."""
    day = business_date or today_ist()
    apps = (
        LoanApplication.objects.select_for_update(of=("self",))
        .select_related("product")
        .filter(borrower=borrower, status__in=AWAITING_DECISION)
        .order_by("pk")
    )
    count = 0
    for app in apps:
        before_extra = after_extra = None
        if monthly_income is not None and app.monthly_income != monthly_income:
            before_extra = {"monthly_income": app.monthly_income}
            after_extra = {"monthly_income": monthly_income}
            app.monthly_income = monthly_income
        application_rescore(
            app=app,
            actor=actor,
            trigger=trigger,
            business_date=day,
            before_extra=before_extra,
            after_extra=after_extra,
        )
        count += 1
    return count


def _money(value, field: str) -> Decimal | None:
    if value is None:
        return None
    if value < 0:
        raise DomainError(
            "validation_error",
            "Income and existing EMIs cannot be negative.",
            errors={field: ["must not be negative"]},
        )
    return Decimal(value).quantize(Decimal("0.01"))


@refusals_audited("application.update_refused")
@transaction.atomic
def application_figures_update(
    *,
    acting_user,
    application: LoanApplication,
    monthly_income: Decimal | None = None,
    existing_emis: Decimal | None = None,
    business_date: date | None = None,
) -> LoanApplication:
    """Correct the income or existing EMIs an application was made on (the borrower, or a
    loan officer). Before a decision only; a scored application is re-scored at once."""
    app = locked(application)
    if acting_user.pk != app.borrower_id and not acting_user.has_perm(CHANGE_PERM):
        refuse_outsider(acting_user, app, "change")
    require_state(app, {ApplicationStatus.DRAFT, *AWAITING_DECISION}, "changed")
    changes = {
        name: value
        for name, value in (
            ("monthly_income", _money(monthly_income, "monthly_income")),
            ("existing_emis", _money(existing_emis, "existing_emis")),
        )
        if value is not None and getattr(app, name) != value
    }
    if not changes:
        return app
    before = {name: getattr(app, name) for name in changes}
    for name, value in changes.items():
        setattr(app, name, value)
    app.save(update_fields=[*changes, "updated_at"])
    audit_record(
        action="application.updated", actor=acting_user, target=app, before=before, after=changes
    )
    if app.status in AWAITING_DECISION:
        application_rescore(
            app=app,
            actor=acting_user,
            trigger="application.updated",
            business_date=business_date or today_ist(),
        )
    return app
