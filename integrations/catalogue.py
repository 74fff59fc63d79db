"""The public shape (version 1) of each webhook event's `data`, built from the audit
event and its target without further queries (payment posting runs in a pipelined batch).
Every event type in lendingsite.audit_actions.WEBHOOK_EVENT_TYPES has a builder here and
an OpenAPI component (integrations.openapi); docs/webhooks.md lists them. Money is a
string with two decimals, dates ISO, ids integers, as in the API.
"""

from collections.abc import Callable
from decimal import Decimal


def _money(value) -> str | None:
    if value is None:
        return None
    return f"{Decimal(str(value)):.2f}"


def _day(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def application_data(*, event, target) -> dict:
    app = target
    data = {
        "application": {
            "id": app.pk,
            "status": app.status,
            "borrower": app.borrower_id,
            "product": app.product_id,
            "amount": _money(app.amount),
            "tenure": app.tenure,
        }
    }
    action = event.action
    if action == "application.approved":
        data["offer"] = {
            "amount": _money(app.offered_amount),
            "annual_rate": None if app.offered_rate is None else f"{app.offered_rate:.4f}",
            "expires_on": _day(app.offer_expires_on),
        }
    elif action == "application.rejected":
        data["reason"] = app.decision_reason
    elif action == "application.accepted":
        data["loan"] = (event.after or {}).get("loan")
    return data


def loan_snapshot(loan) -> dict:
    return {
        "id": loan.pk,
        "status": loan.status,
        "borrower": loan.borrower_id,
        "principal": _money(loan.principal),
        "principal_outstanding": _money(loan.principal_outstanding),
        "dpd": loan.dpd,
        "bucket": loan.bucket,
        "disbursed_on": _day(loan.disbursed_on),
        "closed_on": _day(loan.closed_on),
    }


def loan_data(*, event, target) -> dict:
    return {"loan": loan_snapshot(target)}


def payment_posted_data(*, event, target) -> dict:
    after = event.after or {}
    allocation = after.get("allocation") or {}
    return {
        "payment": {
            "id": target.pk,
            "loan": target.loan_id,
            "amount": _money(target.amount),
            "paid_on": _day(target.paid_on),
            "channel": target.channel,
            "utr": target.utr,
            "allocation": {
                part: _money(allocation.get(part, "0"))
                for part in ("penal", "fees", "interest", "principal", "excess")
            },
        },
        "loan_after": {
            "id": target.loan_id,
            "status": after.get("loan_status"),
            "principal_outstanding": _money(after.get("principal_outstanding")),
            "total_outstanding": _money(after.get("total_outstanding")),
        },
    }


def payment_reversed_data(*, event, target) -> dict:
    after = event.after or {}
    return {
        "payment": {
            "id": target.pk,
            "loan": target.loan_id,
            "amount": _money(target.amount),
            "paid_on": _day(target.paid_on),
            "utr": target.utr,
            "status": target.status,
        },
        "reason": after.get("reason", ""),
        "loan_after": {
            "id": target.loan_id,
            "status": after.get("loan_status"),
            "principal_outstanding": _money(after.get("principal_outstanding")),
        },
    }


def charge_data(*, event, target) -> dict:
    return {
        "charge": {
            "id": target.pk,
            "loan": target.loan_id,
            "kind": target.kind,
            "amount": _money(target.amount),
            "waived_amount": _money(target.waived_amount),
            "status": target.status,
            "charged_on": _day(target.charged_on),
        }
    }


def mandate_data(*, event, target) -> dict:
    return {
        "mandate": {
            "id": target.pk,
            "loan": target.loan_id,
            "status": target.status,
            "umrn": target.umrn,
            "max_amount": _money(target.max_amount),
            "reason_code": target.reason_code,
        }
    }


def presentation_data(*, event, target) -> dict:
    return {
        "presentation": {
            "id": target.pk,
            "loan": target.loan_id,
            "due_date": _day(target.due_date),
            "attempt": target.attempt,
            "amount": _money(target.amount),
            "status": target.status,
            "reason_code": target.reason_code,
            "payment": target.payment_id,
        }
    }


BUILDERS: dict[str, Callable[..., dict]] = {
    "application.submitted": application_data,
    "application.approved": application_data,
    "application.rejected": application_data,
    "application.withdrawn": application_data,
    "application.expired": application_data,
    "application.accepted": application_data,
    "loan.disbursed": loan_data,
    "loan.cancelled": loan_data,
    "loan.written_off": loan_data,
    "loan.settled": loan_data,
    "payment.posted": payment_posted_data,
    "payment.reversed": payment_reversed_data,
    "charge.levied": charge_data,
    "charge.waived": charge_data,
    **{
        f"mandate.{verb}": mandate_data
        for verb in ("activated", "rejected", "paused", "resumed", "cancelled")
    },
    "presentation.debited": presentation_data,
    "presentation.bounced": presentation_data,
}


def loan_id_of(*, event, target) -> int | None:
    """The loan an event is about, for per-loan ordering (None before a loan exists)."""
    if event.action.startswith("loan."):
        return target.pk
    if event.action == "application.accepted":
        return (event.after or {}).get("loan")
    return getattr(target, "loan_id", None)
