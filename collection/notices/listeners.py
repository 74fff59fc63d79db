"""Which successful actions make which notices. Each builder turns one audit event (and
its target) into notice drafts; `notice_for` registers it with lendingsite.audit.audit_listen,
so the notices are made in the action's own transaction (a rolled-back action tells
nobody) and delivered after it commits. Imported by CollectionConfig.ready().

Adding a notice for another action is a kind in collection.notices.kinds with its
texts, and a builder here (`exit_request_notice` below is the shortest example).

Builders read nothing they do not need: the receipt's runs inside payment posting's
pipeline, so it uses only the event and the objects the posting already holds.
"""

from collections.abc import Callable, Iterable

from collection.notices.service import NoticeDraft, notices_create
from collection.notices.texts import CLOSED_STATUSES, site_url
from lendingsite.audit import audit_listen

RECEIPT_FACTS = (
    *("utr", "paid_on", "channel", "allocation", "loan_status"),
    *("principal_outstanding", "total_outstanding"),
)


def notice_for(*actions: str) -> Callable:
    """Decorator: `build(*, event, target) -> Iterable[NoticeDraft]` runs after every
    successful audit event of `actions`; its drafts are made with one INSERT."""

    def decorator(build: Callable[..., Iterable[NoticeDraft]]) -> Callable:
        @audit_listen(*actions)
        def listener(*, event, target):
            notices_create([draft for draft in build(event=event, target=target) if draft])

        return build

    return decorator


def offer_facts(application) -> dict:
    kfs = application.kfs or {}
    return {
        "application": application.pk,
        "product": (kfs.get("product") or {}).get("name", ""),
        "amount": application.offered_amount,
        "annual_rate": f"{application.offered_rate:.2f}",
        "apr": kfs.get("apr", ""),
        "installments": kfs.get("number_of_installments", application.tenure),
        "installment_amount": kfs.get("installment_amount", ""),
        "net_disbursed": kfs.get("net_disbursed", ""),
        "total_payable": kfs.get("total_payable", ""),
        "valid_until": application.offer_expires_on,
        "kfs_url": site_url("loans:kfs", application.pk),
    }


@notice_for("application.approved")
def offer_made(*, event, target):
    yield NoticeDraft(
        "offer_made",
        target.pk,
        target.borrower_id,
        amount=target.offered_amount,
        data=offer_facts(target),
    )


@notice_for("loan.disbursed")
def loan_disbursed(*, event, target):
    loan, after = target, event.after or {}
    first = loan.installments.order_by("number").values("due_date", "principal_due", "interest_due")
    first = first.first() or {}
    yield NoticeDraft(
        "loan_disbursed",
        loan.pk,
        loan.borrower_id,
        loan_id=loan.pk,
        amount=loan.net_disbursed,
        data={
            "principal": loan.principal,
            "net_disbursed": loan.net_disbursed,
            "processing_fee": loan.processing_fee,
            "disbursed_on": loan.disbursed_on,
            "reference": loan.disbursement_reference,
            # The beneficiary account the disbursement names (masked, as shown), with its bank.
            "account": _account_words(after.get("beneficiary")),
            "first_due_on": first.get("due_date"),
            "first_due_amount": (first["principal_due"] + first["interest_due"] if first else None),
            "installments": loan.tenure,
            "cooling_off_until": loan.cooling_off_until,
            "loan_url": site_url("borrower:loan", loan.pk),
        },
    )


def _account_words(beneficiary: dict | None) -> str:
    if not beneficiary:
        return ""
    return f"{beneficiary['account']} ({beneficiary['bank']}, IFSC {beneficiary['ifsc']})"


@notice_for("payment.posted")
def payment_received(*, event, target):
    """The receipt, and the closure notice when the payment closed the loan. The loan is
    the posting's own object (its columns were read with the lock): nothing is read."""
    payment, after = target, event.after
    loan = payment.loan
    yield NoticeDraft(
        "payment_received",
        payment.pk,
        loan.borrower_id,
        loan_id=loan.pk,
        amount=payment.amount,
        data={key: after.get(key) for key in RECEIPT_FACTS},
    )
    if after.get("loan_status") in CLOSED_STATUSES:
        yield NoticeDraft(
            "loan_closed",
            payment.pk,  # the payment that closed it: a loan reopened and closed again is told again
            loan.borrower_id,
            loan_id=loan.pk,
            data={
                "status": after["loan_status"],
                "closed_on": loan.closed_on,
                "certificate_url": site_url("borrower:no_dues_certificate", loan.pk),
            },
        )


@notice_for("charge.levied")
def charge_levied(*, event, target):
    """A charge levied by hand (charge_levy); the day-end's own levies make the same
    notices set-based (collection.dayend.penal)."""
    charge = target
    yield NoticeDraft(
        "charge_levied",
        charge.pk,
        charge.loan.borrower_id,
        loan_id=charge.loan_id,
        installment_id=charge.installment_id,
        amount=charge.amount,
        data=charge_facts(kind=charge.kind, charged_on=charge.charged_on, reason=charge.reason),
    )


def charge_facts(*, kind: str, charged_on, reason: str) -> dict:
    return {"charge_kind": kind, "charged_on": charged_on, "reason": reason}


@notice_for("exit_request.opened", "exit_request.lapsed", "exit_request.completed")
def exit_request_notice(*, event, target):
    """The cooling-off exit (repayments.services.exits): the amount, the pay-by date and the
    reference to quote when it opens; that it lapsed; that the loan is cancelled, with the
    certificate, when the money arrived."""
    request = target
    kind = event.action.replace(".", "_")  # exit_request_opened, _lapsed, _completed
    data = {"amount": request.amount, "pay_by": request.pay_by, "reference": request.reference}
    if kind == "exit_request_completed":
        data["certificate_url"] = site_url("borrower:no_dues_certificate", request.loan_id)
    yield NoticeDraft(
        kind,
        request.pk,
        request.loan.borrower_id,
        loan_id=request.loan_id,
        amount=request.amount,
        data=data,
    )
