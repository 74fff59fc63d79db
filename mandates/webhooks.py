"""Signed callbacks from mandate adapters: POST /api/v1/mandates/webhooks/<adapter>/
(docs/mandates.md), and the bank's response file, which carries the same results.

Verified like the payment gateways' webhooks (repayments.webhooks): a bad signature is
refused (401, audited `mandate_webhook.rejected`) and writes nothing else; a result applied
twice (a retry, a replayed callback, a file loaded again) is a `duplicate` and changes nothing.
"""

import csv
import io
from datetime import date

from django.db import transaction
from django.utils import timezone

from lendingsite.audit import AuditOutcome, audit_record
from lendingsite.errors import DomainError
from mandates.adapters import MandateNotice, adapter_get, mandate_secrets
from mandates.models import Mandate, Presentation
from mandates.services import mandate_bank_answer, presentation_bounce, presentation_succeed
from repayments.gateways.base import PayloadInvalid, SignatureInvalid

RESULT_PERM = "mandates.record_result"


@transaction.atomic
def _rejection_record(*, adapter: str, reason: str, detail: str) -> None:
    audit_record(
        action="mandate_webhook.rejected",
        target_type="mandate_adapter",
        target_id=adapter,
        outcome=AuditOutcome.DENIED,
        after={"adapter": adapter, "reason": reason, "detail": detail},
    )


def notice_apply(notice: MandateNotice, *, business_date: date | None = None) -> str:
    """Apply one verified notice: "applied" or "duplicate". DomainError not_found when it
    names nothing of ours."""
    if notice.event.startswith("mandate."):
        mandate = Mandate.objects.filter(reference=notice.reference, adapter=notice.adapter).first()
        if mandate is None:
            raise DomainError("not_found", f"No mandate {notice.reference!r}.")
        return mandate_bank_answer(
            mandate=mandate,
            approved=notice.event == "mandate.approved",
            umrn=notice.umrn,
            code=notice.reason_code,
        )
    presentation = _presentation_for(notice.reference, adapter=notice.adapter)
    if notice.event == "debit.succeeded":
        return presentation_succeed(presentation=presentation, business_date=business_date)
    return presentation_bounce(
        presentation=presentation, reason_code=notice.reason_code, business_date=business_date
    )


def _presentation_for(reference: str, *, adapter: str) -> Presentation:
    pk = reference.removeprefix("NACH")
    found = (
        Presentation.objects.filter(pk=int(pk), mandate__adapter=adapter).first()
        if pk.isdigit()
        else None
    )
    if found is None:
        raise DomainError("not_found", f"No presentation {reference!r}.")
    return found


def mandate_webhook_receive(
    *, adapter: str, headers, body: bytes, business_date: date | None = None, now=None
) -> str:
    """Verify, read and apply one callback (not one transaction: a rejection's audit event
    must stay while nothing else is written)."""
    found = adapter_get(adapter)
    if found is None:
        raise DomainError("not_found", f"No mandate adapter named {adapter!r} is configured.")
    try:
        found.verify(
            headers=headers, body=body, secrets=mandate_secrets(adapter), now=now or timezone.now()
        )
    except SignatureInvalid as exc:
        _rejection_record(adapter=adapter, reason=exc.reason, detail=exc.detail)
        raise DomainError("not_authenticated", exc.detail) from None
    try:
        notice = found.parse(body)
    except PayloadInvalid as exc:
        raise DomainError("validation_error", exc.detail, errors=exc.errors) from None
    return notice_apply(notice, business_date=business_date)


def response_file_load(
    *, acting_user, adapter: str, content: bytes, business_date: date | None = None
) -> dict:
    """The bank's response file for a batch (CSV: reference,status,reason_code with status
    "success" or "bounce"). Each line applied on its own; returns the counts and the lines
    that could not be applied, with why."""
    if acting_user is None or not acting_user.has_perm(RESULT_PERM):
        raise DomainError("permission_denied", "Only finance can load a bank's response file.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("validation_error", "The file is not UTF-8 text.") from None
    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or not {"reference", "status"} <= {f.strip() for f in rows.fieldnames}:
        raise DomainError(
            "validation_error", "The file needs the columns reference,status,reason_code."
        )
    counts = {"applied": 0, "duplicate": 0, "errors": []}
    for number, row in enumerate(rows, start=2):
        status = (row.get("status") or "").strip().lower()
        event = {"success": "debit.succeeded", "bounce": "debit.bounced"}.get(status)
        try:
            if event is None:
                raise DomainError(
                    "validation_error", f"status must be success or bounce, not {status!r}"
                )
            notice = MandateNotice(
                adapter=adapter,
                event_id=f"file:{number}",
                event=event,
                reference=(row.get("reference") or "").strip(),
                reason_code=(row.get("reason_code") or "").strip(),
            )
            counts[notice_apply(notice, business_date=business_date)] += 1
        except DomainError as exc:
            counts["errors"].append({"line": number, "detail": str(exc.detail)})
    audit_record(
        action="presentation_results.loaded",
        actor=acting_user,
        target_type="mandate_adapter",
        target_id=adapter,
        after={
            "applied": counts["applied"],
            "duplicate": counts["duplicate"],
            "errors": len(counts["errors"]),
        },
    )
    return counts
