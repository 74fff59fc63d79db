"""Reads of the books: the trial balance as of a date, the provisioning of a close, the
income recognised vs suspended. One query each, whatever the size of the book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from accounting.models import MonthEndRun, ProvisionDetail, RunKind
from accounting.rules import CLASS_LABELS, CLASSES
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


def provision_summary(run: MonthEndRun) -> list[dict]:
    """Per asset class: loans, exposure, provision required (the classification report)."""
    found = {
        row["asset_class"]: row
        for row in ProvisionDetail.objects.filter(run=run)
        .values("asset_class")
        .annotate(
            loans=Count("id", filter=Q(exposure__gt=0)),
            exposure=Sum("exposure"),
            secured=Sum("secured"),
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
