"""Reads of the books: the trial balance as of a date, the provisioning of a close, the
income recognised vs suspended. One query each, whatever the size of the book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from accounting.models import MonthEndRun, ProvisionDetail, RunKind
from accounting.rules import CLASS_LABELS, CLASSES, STANDARD
from collection.models import RunStatus
from loans import ledger
from loans.models import JournalLine, LedgerAccount

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TrialBalanceRow:
    code: str
    name: str
    kind: str
    debit: Decimal
    credit: Decimal


def trial_balance(*, as_of: date) -> dict:
    """Every account's balance from the entries dated on or before `as_of`, on its
    natural side (a net debit in `debit`, a net credit in `credit`)."""
    totals = {
        row["account"]: (row["dr"] or ZERO) - (row["cr"] or ZERO)
        for row in JournalLine.objects.filter(entry__entry_date__lte=as_of)
        .values("account")
        .annotate(dr=Sum("debit"), cr=Sum("credit"))
    }
    rows = []
    for account in LedgerAccount.objects.order_by("code"):
        net = totals.get(account.pk, ZERO)
        rows.append(
            TrialBalanceRow(
                code=account.code,
                name=account.name,
                kind=account.kind,
                debit=net if net > 0 else ZERO,
                credit=-net if net < 0 else ZERO,
            )
        )
    debit = sum((r.debit for r in rows), ZERO)
    credit = sum((r.credit for r in rows), ZERO)
    return {
        "as_of": as_of,
        "accounts": rows,
        "total_debit": debit,
        "total_credit": credit,
        "balanced": debit == credit,
    }


def close_for(as_of: date) -> MonthEndRun | None:
    """The completed close on `as_of`, or else the latest completed one before it."""
    return (
        MonthEndRun.objects.filter(
            kind=RunKind.CLOSE, status=RunStatus.COMPLETED, business_date__lte=as_of
        )
        .order_by("-business_date")
        .first()
    )


def provision_summary(run: MonthEndRun, *, product_id: int | None = None) -> list[dict]:
    """Per asset class: loans, exposure (secured and unsecured parts), provision required
    (the classification report), optionally of one product's loans."""
    details = ProvisionDetail.objects.filter(run=run)
    if product_id:
        details = details.filter(loan__product_id=product_id)
    found = {
        row["asset_class"]: row
        for row in details.values("asset_class").annotate(
            loans=Count("id", filter=Q(exposure__gt=0)),
            exposure=Sum("exposure"),
            secured=Sum("secured"),
            unsecured=Sum("unsecured"),
            required=Sum("required"),
        )
    }
    return [
        {
            "asset_class": name,
            "label": CLASS_LABELS[name],
            "loans": found.get(name, {}).get("loans", 0),
            "exposure": found.get(name, {}).get("exposure") or ZERO,
            "secured": found.get(name, {}).get("secured") or ZERO,
            "unsecured": found.get(name, {}).get("unsecured") or ZERO,
            "provision": found.get(name, {}).get("required") or ZERO,
        }
        for name in CLASSES
    ]


def provision_details(run: MonthEndRun):
    return ProvisionDetail.objects.filter(run=run).order_by("loan_id")


def npa_income(*, start: date, end: date) -> dict:
    """Interest income recognised vs suspended between two dates (both included), and
    the suspense held at the end."""
    kinds = {
        "accrued": "interest_accrual",
        "accrual_reversed": "interest_accrual_reversal",
        "suspended": "npa_interest_suspended",
        "released": "npa_interest_released",
    }
    lines = JournalLine.objects.filter(entry__entry_date__gte=start, entry__entry_date__lte=end)
    income = lines.filter(account__code=ledger.INTEREST_INCOME).aggregate(
        dr=Sum("debit"), cr=Sum("credit")
    )
    out = {
        name: lines.filter(entry__kind=kind, account__code=ledger.INTEREST_INCOME).aggregate(
            v=Sum("debit") + Sum("credit")
        )["v"]
        or ZERO
        for name, kind in kinds.items()
    }
    out["income_net"] = (income["cr"] or ZERO) - (income["dr"] or ZERO)
    held = JournalLine.objects.filter(
        entry__entry_date__lte=end, account__code=ledger.INTEREST_SUSPENSE
    ).aggregate(dr=Sum("debit"), cr=Sum("credit"))
    out["suspense_held"] = (held["cr"] or ZERO) - (held["dr"] or ZERO)
    return out


# Entry kinds of the close's accrual step (accounting.close.sql.accrual).
ACCRUED, ACCRUAL_REVERSED = "interest_accrual", "interest_accrual_reversal"
SUSPENDED, RELEASED = "npa_interest_suspended", "npa_interest_released"
# The income figures of one product over a period, in report order (income_by_product).
INCOME_FIGURES = (
    "accrued",
    "accrual_reversed",
    "suspended",
    "recognised_on_collection",
    "released_on_upgrade",
    "other_interest",
    "interest_income",
    "interest_suspense_held",
    "charges_levied",
    "charges_released",
    "charges_recognised",
    "charges_suspense_held",
)


def _credit_less_debit(condition: Q):
    return Sum("credit", filter=condition, default=ZERO) - Sum(
        "debit", filter=condition, default=ZERO
    )


def income_by_product(*, start: date, end: date, product_id: int | None = None) -> list[dict]:
    """Interest and charges recognised vs suspended between two dates (both included),
    per product, from the journal lines of the loans (two grouped queries whatever the
    size of the book).

    Interest (INTEREST_INCOME lines, by entry kind): accrued on performing loans;
    accrual reversed (not earned, loan closed); reversed into suspense (NPA); recognised
    on collection from an NPA (an accrual or a release of suspense on a loan the same
    day's close classed other than standard); released on upgrade or closure (a release
    on a loan classed standard, or not classed: closed); any other line to interest
    income (a cash-basis payment, a payment adjustment) is `other_interest`, so the
    figures add up to `interest_income` (credits less debits). Suspense held: the
    INTEREST_SUSPENSE balance at `end`.

    Charges (penal, fees; income only when paid, docs/payments.md): levied into Charges
    Suspense (its credits), released from it (its debits: paid, waived, written off),
    recognised as Penal / Fee Income (credits less debits; the processing fee taken at
    disbursement is not a charge of the loan's servicing and is left out), and the
    CHARGES_SUSPENSE balance at `end`."""
    inc = Q(account__code=ledger.INTEREST_INCOME)
    npa = Exists(
        ProvisionDetail.objects.filter(
            loan_id=OuterRef("loan_id"), as_of=OuterRef("entry__entry_date")
        ).exclude(asset_class=STANDARD)
    )
    lines = JournalLine.objects.filter(entry__entry_date__range=(start, end))
    held = JournalLine.objects.filter(
        entry__entry_date__lte=end,
        account__code__in=(ledger.INTEREST_SUSPENSE, ledger.CHARGES_SUSPENSE),
    )
    if product_id:
        lines = lines.filter(loan__product_id=product_id)
        held = held.filter(loan__product_id=product_id)
    moved = (
        lines.filter(
            account__code__in=(
                ledger.INTEREST_INCOME,
                ledger.CHARGES_SUSPENSE,
                ledger.PENAL_INCOME,
                ledger.FEE_INCOME,
            )
        )
        .values("loan__product__code")
        .annotate(
            accrued=Sum("credit", filter=inc & Q(entry__kind=ACCRUED) & ~npa, default=ZERO),
            accrual_reversed=Sum(
                "debit", filter=inc & Q(entry__kind=ACCRUAL_REVERSED), default=ZERO
            ),
            suspended=Sum("debit", filter=inc & Q(entry__kind=SUSPENDED), default=ZERO),
            recognised_on_collection=Sum(
                "credit", filter=inc & Q(entry__kind__in=(ACCRUED, RELEASED)) & npa, default=ZERO
            ),
            released_on_upgrade=Sum(
                "credit", filter=inc & Q(entry__kind=RELEASED) & ~npa, default=ZERO
            ),
            interest_income=_credit_less_debit(inc),
            charges_levied=Sum(
                "credit", filter=Q(account__code=ledger.CHARGES_SUSPENSE), default=ZERO
            ),
            charges_released=Sum(
                "debit", filter=Q(account__code=ledger.CHARGES_SUSPENSE), default=ZERO
            ),
            charges_recognised=_credit_less_debit(
                Q(account__code__in=(ledger.PENAL_INCOME, ledger.FEE_INCOME))
                & ~Q(entry__kind="disbursement")
            ),
        )
    )
    suspense = {
        row["loan__product__code"]: row
        for row in held.values("loan__product__code").annotate(
            interest=_credit_less_debit(Q(account__code=ledger.INTEREST_SUSPENSE)),
            charges=_credit_less_debit(Q(account__code=ledger.CHARGES_SUSPENSE)),
        )
    }
    out = {}
    for row in moved:
        code = row["loan__product__code"]
        explained = (
            row["accrued"]
            - row["accrual_reversed"]
            - row["suspended"]
            + row["recognised_on_collection"]
            + row["released_on_upgrade"]
        )
        out[code] = {**row, "other_interest": row["interest_income"] - explained}
    for code in suspense:
        out.setdefault(code, {name: ZERO for name in INCOME_FIGURES})
    rows = []
    for code in sorted(out, key=lambda c: c or ""):
        row = out[code]
        row["interest_suspense_held"] = suspense.get(code, {}).get("interest", ZERO)
        row["charges_suspense_held"] = suspense.get(code, {}).get("charges", ZERO)
        rows.append({"product": code or "", **{name: row[name] for name in INCOME_FIGURES}})
    return rows
