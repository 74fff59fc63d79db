"""The rules the application services share: who may act, in which states, within which
product limits, and the eligibility score (DESIGN §4). Nothing here writes."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django_fsm import can_proceed

from accounts.models import BorrowerProfile
from lendingsite.errors import DomainError
from loans import scoring
from loans.models import LoanApplication, LoanProduct
from loans.quotes import quote_for_product
from loans.selectors import borrower_has_active_npa, borrower_on_time_ratio

DECIDE_PERM = "loans.decide_loanapplication"
CREATE_FOR_OTHERS_PERM = "loans.add_loanapplication"
CHANGE_PERM = "loans.change_loanapplication"
VIEW_PERM = "loans.view_loanapplication"


def hard_stop_codes(reasons: list[dict]) -> list[str]:
    return [r["code"] for r in reasons or [] if r.get("hard_stop")]


def snapshot(app: LoanApplication) -> dict:
    return {
        "status": app.status,
        "amount": app.amount,
        "tenure": app.tenure,
        "offered_amount": app.offered_amount,
        "offered_rate": app.offered_rate,
        "grade": app.grade,
    }


def locked(application: LoanApplication) -> LoanApplication:
    return LoanApplication.objects.select_for_update().get(pk=application.pk)


def require_state(app: LoanApplication, allowed: set[str] | Callable, doing: str) -> None:
    """`allowed`: the application's transition (a bound method: the FSM's own source
    states decide, can_proceed), or a set of states where the service's rule is not one
    transition's."""
    ok = can_proceed(allowed) if callable(allowed) else app.status in allowed
    if not ok:
        raise DomainError(
            "invalid_state",
            f"Application #{app.pk} is {app.get_status_display().lower()}; it cannot be {doing}.",
        )


def refuse_outsider(acting_user, app: LoanApplication, doing: str) -> None:
    # Staff who may read the application are told plainly; anyone else learns nothing
    # about it (the same 404 as an id that does not exist).
    if acting_user.has_perm(VIEW_PERM):
        raise DomainError("permission_denied", f"You may not {doing} application #{app.pk}.")
    raise DomainError("not_found", "No such application.")


def check_checker(acting_user, app: LoanApplication, doing: str) -> None:
    if not acting_user.has_perm(DECIDE_PERM):
        raise DomainError("permission_denied", f"Only a credit manager can {doing} applications.")
    makers = {app.created_by_id, app.recommended_by_id, app.borrower_id}
    if acting_user.pk in makers:
        raise DomainError(
            "maker_checker",
            f"You created, recommended or applied for application #{app.pk}; another credit manager must {doing} it.",
        )


def application_terms_validate(product: LoanProduct, amount: Decimal, tenure: int) -> None:
    errors = {}
    if not product.min_amount <= amount <= product.max_amount:
        errors["amount"] = [
            f"This product lends between ₹{product.min_amount} and ₹{product.max_amount}."
        ]
    if not product.min_tenure <= tenure <= product.max_tenure:
        errors["tenure"] = [
            f"This product's tenure is {product.min_tenure} to {product.max_tenure} installments."
        ]
    if errors:
        raise DomainError(
            "validation_error",
            "The amount or tenure is outside the product's limits.",
            errors=errors,
        )


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def eligibility_score(
    *,
    application: LoanApplication,
    amount: Decimal,
    annual_rate: Decimal | None,
    business_date: date,
) -> scoring.ScoreResult:
    """Score an application's terms as of a date (submit scores the request; approve
    re-checks the final offer)."""
    product = application.product
    quote = quote_for_product(
        product=product,
        principal=amount,
        tenure=application.tenure,
        annual_rate=annual_rate if annual_rate is not None else product.max_rate,
        disbursement_date=business_date,
    )
    profile = (
        BorrowerProfile.objects.filter(user=application.borrower)
        .prefetch_related("documents")
        .first()
    )
    born = profile.date_of_birth if profile else None
    maturity = quote.schedule.installments[-1].due_date
    return scoring.score(
        scoring.ScoringInput(
            monthly_income=application.monthly_income,
            existing_emis=application.existing_emis,
            new_installment=quote.installment_amount,
            max_foir_percent=product.max_foir_percent,
            age_now=_age(born, business_date),
            age_at_maturity=_age(born, maturity),
            kyc_verified=bool(profile and profile.kyc_verified),
            has_active_npa=borrower_has_active_npa(borrower=application.borrower),
            on_time_ratio=borrower_on_time_ratio(
                borrower=application.borrower, as_of=business_date
            ),
            bureau_score=application.bureau_score,
        )
    )


def application_score_now(*, application: LoanApplication, business_date: date):
    """The application's score on today's facts, on the basis submit scores it: the amount
    asked for at the top of the product's rate range (eligibility must hold even for the
    dearest offer the grade could bring). Submit, every re-score and the decision use it."""
    return eligibility_score(
        application=application,
        amount=application.amount,
        annual_rate=None,
        business_date=business_date,
    )
