"""The Key Fact Statement (RBI KFS circular, 15 Apr 2024): built once at approval from the
same quote code the calculator uses, frozen on the application with a version hash that
the borrower's consent names."""

import hashlib
import json
from datetime import date
from decimal import Decimal

from django.conf import settings

from loans.quotes import Quote
from loans.vocabulary import PENAL_FLAT

KFS_VERSION = 1


def kfs_build(*, application, quote: Quote, valid_until: date, generated_on: date) -> dict:
    product = application.product
    terms = quote.terms
    return {
        "kfs_version": KFS_VERSION,
        "lender": settings.LENDER_NAME,
        "application_id": application.pk,
        "borrower": application.borrower.full_name or application.borrower.email,
        "product": {"code": product.code, "name": product.name},
        "generated_on": generated_on.isoformat(),
        "valid_until": valid_until.isoformat(),
        "principal": str(quote.principal),
        "annual_rate": str(terms.annual_rate.quantize(Decimal("0.0001"))),
        "rate_type": "fixed",
        "interest_method": terms.interest_method,
        "frequency": terms.frequency,
        "tenure": terms.tenure,
        "number_of_installments": len(quote.schedule),
        "installment_amount": str(quote.installment_amount),
        "total_interest": str(quote.total_interest),
        "charges": [
            {
                "name": "Processing fee",
                "amount": str(quote.fee.base),
                "gst": str(quote.fee.gst),
                "total": str(quote.fee.total),
                "when": "deducted from the amount disbursed",
            }
        ],
        "total_charges": str(quote.total_charges),
        "net_disbursed": str(quote.net_disbursed),
        "total_payable": str(quote.total_payable),
        "apr": str(quote.apr),
        "penal_charges": _penal_text(product),
        "prepayment": (
            "You may prepay or close the loan at any time without a prepayment charge; "
            + (
                "prepayments shorten the tenure."
                if product.prepayment_strategy == "reduce_tenure"
                else "prepayments lower the installment."
            )
        ),
        "cooling_off_days": product.cooling_off_days,
        "cooling_off": (
            f"You may cancel within {product.cooling_off_days} days of disbursement by repaying "
            "the principal and interest for the days you had the money, with no penalty."
        ),
        "grievance_officer": dict(settings.GRIEVANCE_OFFICER),
        "schedule_note": "Illustrative schedule assuming disbursement on the date generated; "
        "the final schedule is fixed from the actual disbursement date.",
        "schedule": quote.as_dict()["schedule"],
    }


def _penal_text(product) -> str:
    if product.penal_charge_type == PENAL_FLAT:
        charge = f"₹{product.penal_charge_flat} per overdue installment"
    else:
        charge = (
            f"{product.penal_charge_percent}% of the overdue amount, once per overdue installment"
        )
    text = (
        f"{charge}, charged once if an installment is unpaid {product.penal_grace_days} days "
        "after its due date. Penal charges are never added to the interest rate and never "
        "earn interest."
    )
    # Only a product that has one says so: the KFS of every other product (and its hash)
    # stays as it was.
    if product.bounce_charge > 0:
        text += (
            f" If an auto-debit of an installment is returned by your bank, ₹"
            f"{product.bounce_charge} once for that installment, never added to the principal."
        )
    return text


def kfs_hash(kfs: dict) -> str:
    payload = json.dumps(kfs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()
