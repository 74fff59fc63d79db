"""Loan products (DESIGN §3): create and change them, and quote on their terms.

The API, the admin and the calculator page all come through here, so who may change a
product, what a valid product is and what a quote on a product may override are each
decided in one function. Loans copy their terms when they are made (loans.models.loans),
so changing a product never changes an existing loan.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from loans.fees import ProcessingFee
from loans.models import LoanProduct
from loans.quotes import Quote, quote_build, quote_for_product, quote_of
from loans.schedule import ScheduleError, ScheduleTerms
from loans.schedule.terms import SCHEDULE_TERM_FIELDS
from loans.services.applications import application_terms_validate

ADD_PERM = "loans.add_loanproduct"
CHANGE_PERM = "loans.change_loanproduct"
VIEW_PERM = "loans.view_loanproduct"

# Ceilings a product may not exceed; the quote API holds explicit terms to the same ones,
# so nothing the lender offers can be refused by its own calculator.
MAX_TENURE = 600
MAX_ANNUAL_RATE = Decimal("100")

# Every field a product's owner may set (ids and timestamps are the database's).
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    f.name
    for f in LoanProduct._meta.concrete_fields
    if f.editable and not f.primary_key and f.name not in {"created_at", "updated_at"}
)

# The schedule terms a product fixes; a quote on a product may not change them.
SCHEDULE_TERMS: tuple[str, ...] = SCHEDULE_TERM_FIELDS

ZERO = Decimal("0.00")


def product_can_create(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(ADD_PERM))


def product_can_change(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(CHANGE_PERM))


def products_for(user):
    """Products the user may see: staff who may view products see every product, anyone
    else (borrowers, the public calculator) only the ones open for applications."""
    qs = LoanProduct.objects.order_by("code")
    if user is not None and user.is_authenticated and user.has_perm(VIEW_PERM):
        return qs
    return qs.filter(is_active=True)


def _plain(field: str, error: ValidationError) -> str:
    """Django's default messages, in the words a credit manager would use."""
    params = error.params or {}
    choices = LoanProduct._meta.get_field(field).choices if field != "__all__" else None
    code = error.code
    if code in {"null", "blank", "required"}:
        return "This is required."
    if code == "invalid_choice" and choices:
        return "Choose one of: " + ", ".join(str(value) for value, _ in choices) + "."
    if code == "invalid":
        if field == "code":
            return "Use only letters, digits, hyphens and underscores (no spaces)."
        return "Enter a number."
    if code == "min_value":
        return f"Must be at least {params.get('limit_value')}."
    if code == "max_value":
        return f"Must be at most {params.get('limit_value')}."
    if code in {"max_digits", "max_whole_digits"}:
        return "This number is too large."
    if code == "max_decimal_places":
        return f"Use at most {params.get('max')} decimal places."
    if code == "unique":
        return "Another product already uses this code."
    return " ".join(error.messages)


def _ceilings(product: LoanProduct) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if product.max_tenure is not None and product.max_tenure > MAX_TENURE:
        errors["max_tenure"] = [f"The longest tenure we can schedule is {MAX_TENURE} installments."]
    if product.max_rate is not None and product.max_rate > MAX_ANNUAL_RATE:
        errors["max_rate"] = [f"The rate cannot be more than {MAX_ANNUAL_RATE}% a year."]
    return errors


def product_validate(*, product: LoanProduct) -> None:
    """The one definition of a valid product: its fields, the model's limit rules (clean),
    our ceilings and a unique code. Raises DomainError validation_error, per field.
    Field errors stop the check early: the limit rules compare fields that must be numbers."""
    errors: dict[str, list[str]] = {}
    try:
        product.clean_fields()
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors[field] = [_plain(field, e) for e in field_errors]
    if not errors:
        try:
            product.clean()
        except ValidationError as exc:
            for field, field_errors in exc.error_dict.items():
                errors.setdefault(field, []).extend(_plain(field, e) for e in field_errors)
        for field, messages in _ceilings(product).items():
            errors.setdefault(field, []).extend(messages)
        try:
            product.validate_unique()
        except ValidationError as exc:
            for field, field_errors in exc.error_dict.items():
                errors.setdefault(field, []).extend(_plain(field, e) for e in field_errors)
    if errors:
        raise DomainError(
            "validation_error", "Some of the product's terms are not valid.", errors=errors
        )


def _unknown_fields(fields: dict) -> None:
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise DomainError(
            "validation_error",
            "A product has no such field: " + ", ".join(unknown) + ".",
            errors={name: ["Unknown field."] for name in unknown},
        )


def _snapshot(product: LoanProduct, names) -> dict:
    return {name: getattr(product, name) for name in names}


def _save(product: LoanProduct) -> None:
    try:
        # A savepoint, so a lost race on the unique code leaves the transaction usable.
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise DomainError(
            "validation_error",
            "Another product already uses this code.",
            errors={"code": ["Another product already uses this code."]},
        ) from None
    product.refresh_from_db()  # the stored values (rates to 4 places), for the audit and caller


@refusals_audited("product.create_refused")
@transaction.atomic
def product_create(*, acting_user, **fields) -> LoanProduct:
    """Create a product from its terms (any EDITABLE_FIELDS; model defaults fill the rest)."""
    if not product_can_create(acting_user):
        raise DomainError("permission_denied", "Only a credit manager can create loan products.")
    _unknown_fields(fields)
    product = LoanProduct(**fields)
    product_validate(product=product)
    _save(product)
    audit_record(
        action="product.created",
        actor=acting_user,
        target=product,
        after=_snapshot(product, EDITABLE_FIELDS),
    )
    return product


@refusals_audited("product.update_refused")
@transaction.atomic
def product_update(*, acting_user, product: LoanProduct, **fields) -> LoanProduct:
    """Change some of a product's terms. Existing loans keep the terms they copied; only
    new applications and quotes see the change. The code, which integrators look products
    up by, never changes."""
    if not product_can_change(acting_user):
        raise DomainError("permission_denied", "Only a credit manager can change loan products.")
    _unknown_fields(fields)
    current = LoanProduct.objects.select_for_update().get(pk=product.pk)
    if "code" in fields and fields["code"] != current.code:
        raise DomainError(
            "validation_error",
            "A product's code cannot change; create a new product instead.",
            errors={"code": ["A product's code cannot change."]},
        )
    before = _snapshot(current, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    product_validate(product=current)  # also turns strings into their field types
    changed = [name for name in EDITABLE_FIELDS if getattr(current, name) != before[name]]
    if not changed:
        return current
    _save(current)
    audit_record(
        action="product.updated",
        actor=acting_user,
        target=current,
        before={name: before[name] for name in changed},
        after=_snapshot(current, changed),
    )
    return current


def _quote_refused(detail: str, errors: dict) -> DomainError:
    return DomainError("validation_error", detail, errors=errors)


def quote_compose(
    *,
    principal: Decimal,
    tenure: int,
    disbursement_date: date,
    product: LoanProduct | None = None,
    annual_rate: Decimal | None = None,
    processing_fee: Decimal | None = None,
    **terms,
) -> Quote:
    """A quote for the quote API and the calculator page, on a product or on explicit terms.

    On a product: principal and tenure must be inside its limits and a rate inside its
    range; its schedule terms are fixed (an explicit term that differs is refused) and its
    processing fee applies unless `processing_fee` (taxes included) is given. Without a
    product, `annual_rate` is required and `terms` (SCHEDULE_TERMS) default as in API.md.
    Bad terms raise DomainError validation_error, never anything else.
    """
    unknown = sorted(set(terms) - set(SCHEDULE_TERMS))
    if unknown:
        raise TypeError(f"quote_compose() got unknown terms: {', '.join(unknown)}")
    if product is not None:
        try:
            application_terms_validate(product, principal, tenure)
        except DomainError as exc:
            errors = dict(exc.errors)
            if "amount" in errors:
                errors["principal"] = errors.pop("amount")
            raise _quote_refused(exc.detail, errors) from None
        if annual_rate is not None and not product.min_rate <= annual_rate <= product.max_rate:
            raise _quote_refused(
                "The rate is outside the product's range.",
                {
                    "annual_rate": [
                        f"This product's rate is {product.min_rate}% to {product.max_rate}% a year."
                    ]
                },
            )
        fixed = {
            name: str(value)
            for name, value in terms.items()
            if value is not None and str(value) != str(getattr(product, name))
        }
        if fixed:
            raise _quote_refused(
                f"Product {product.code} fixes these terms: {', '.join(sorted(fixed))}.",
                {name: [f"This product uses {getattr(product, name)}."] for name in sorted(fixed)},
            )
    elif annual_rate is None:
        raise _quote_refused(
            "Give an annual rate, or a product whose rate to use.",
            {"annual_rate": ["Enter the annual interest rate, or choose a product."]},
        )
    if processing_fee is not None and processing_fee >= principal:
        raise _quote_refused(
            "The processing fee must be less than the amount borrowed.",
            {"processing_fee": ["Must be less than the principal."]},
        )
    try:
        if product is not None and processing_fee is None:
            quote = quote_for_product(
                product=product,
                principal=principal,
                tenure=tenure,
                annual_rate=annual_rate,
                disbursement_date=disbursement_date,
            )
        else:
            fee = ProcessingFee(base=processing_fee or ZERO, gst=ZERO)
            if product is not None:
                schedule_terms = ScheduleTerms.from_terms(
                    product,
                    principal=principal,
                    annual_rate=product.default_rate if annual_rate is None else annual_rate,
                    tenure=tenure,
                    disbursement_date=disbursement_date,
                )
                quote = quote_of(schedule_terms, fee=fee)
            else:
                chosen = {name: value for name, value in terms.items() if value is not None}
                if "installment_multiple" in chosen:
                    chosen["installment_multiple"] = Decimal(chosen["installment_multiple"])
                quote = quote_build(
                    principal=principal,
                    annual_rate=annual_rate,
                    tenure=tenure,
                    disbursement_date=disbursement_date,
                    fee=fee,
                    **chosen,
                )
        quote.apr  # noqa: B018  (solved now, so an unsolvable APR is refused here)
    except ScheduleError as exc:
        raise _quote_refused(str(exc), {"non_field_errors": [str(exc)]}) from None
    return quote
