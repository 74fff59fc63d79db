"""The financial guard (DESIGN §4): status, dpd, bucket, principal, rate, outstanding
balances and schedule rows move only through services. A request that names one of them,
from the API or an admin form, is refused as a whole (403 `protected_field`, nothing
written, not even the allowed fields beside it) and the attempt is on record as
`guard.denied` with who, which fields, the target and where from.

One function decides (`protected_fields_refuse`); two adapters put it in front of writes:

    class LoanUpdateSerializer(ProtectedFieldsMixin, serializers.ModelSerializer):
        protected_fields = LOAN_PROTECTED_FIELDS

    @admin.register(Loan)
    class LoanAdmin(GuardedAdminMixin, admin.ModelAdmin):
        protected_fields = LOAN_PROTECTED_FIELDS

The check looks at the field names the client sent, not at their values: a client that
echoes a financial field back unchanged is refused too, so a client can never learn by
trial which writes would have "worked".
"""

from collections.abc import Iterable

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from lendingsite import context
from lendingsite.audit import AuditOutcome, audit_record
from lendingsite.errors import DomainError

# What every money-bearing object shares; apps extend it (`FINANCIAL_FIELDS | {...}`).
FINANCIAL_FIELDS = frozenset(
    {
        "status",
        "dpd",
        "bucket",
        "principal",
        "annual_rate",
        "principal_outstanding",
        "total_outstanding",
        "outstanding",
        "schedule",
        "installments",
    }
)

LOAN_PROTECTED_FIELDS = FINANCIAL_FIELDS | {
    "id",
    "application",
    "borrower",
    "product",
    "tenure",
    "interest_method",
    "amortization",
    "interest_period",
    "frequency",
    "installment_multiple",
    "rounding",
    "grace_on_principal",
    "allocation_strategy",
    "prepayment_strategy",
    "processing_fee",
    "net_disbursed",
    "apr",
    "kfs_hash",
    "disbursed_on",
    "disbursement_reference",
    "disbursed_by",
    "disbursement_account",
    "approved_by",
    "cooling_off_until",
    "closed_on",
    "next_due_date",
    "next_due_amount",
    # Distress servicing: written only by repayments.services.servicing.
    "restructured",
    "restructured_on",
    "restructure_count",
    "reschedule_count",
    "under_settlement",
}

# The decision and the offer of an application are set by the credit decision services.
APPLICATION_PROTECTED_FIELDS = frozenset(
    {
        "status",
        "score",
        "grade",
        "reasons",
        "bureau_score",
        "offered_amount",
        "offered_rate",
        "offer_expires_on",
        "kfs",
        "kfs_hash",
        "created_by",
        "recommended_by",
        "decided_by",
        "decided_at",
        "decision_reason",
        "submitted_at",
        "hard_stop_override_codes",
        "hard_stop_override_reason",
        "hard_stop_override_by",
        "hard_stop_override_at",
    }
)


def protected_fields_refuse(
    *,
    acting_user,
    submitted: Iterable[str],
    protected: Iterable[str],
    target: Model | None = None,
    target_type: str = "",
    channel: str = "api",
) -> None:
    """Refuse (DomainError `protected_field`) when `submitted` names a protected field,
    after recording `guard.denied`. Call it before any write: it writes the audit event
    itself, outside the caller's (not yet opened) transaction, so the refusal stays on
    record while nothing else is written."""
    hits = sorted(set(submitted) & set(protected))
    if not hits:
        return
    ctx = context.current()
    request = ctx.request
    audit_record(
        action="guard.denied",
        actor=acting_user,
        target=target if target is not None and target.pk is not None else None,
        target_type=target_type,
        outcome=AuditOutcome.DENIED,
        after={
            "fields": hits,
            "channel": channel,
            "method": getattr(request, "method", ""),
            "path": ctx.path,
        },
    )
    names = ", ".join(hits)
    raise DomainError(
        "protected_field",
        f"{names} can't be changed here: financial fields move only through their own "
        "operations (disbursement, payments, day-end). Nothing was changed.",
        errors={name: ["is protected"] for name in hits},
    )


def _submitted_names(data) -> list[str]:
    return list(data.keys()) if hasattr(data, "keys") else []


class ProtectedFieldsMixin:
    """For DRF serializers that write. `is_valid()` refuses a body naming any of
    `protected_fields` before validating anything; views may call `guard()` earlier (for
    instance before their own permission check) — it runs once."""

    protected_fields: frozenset[str] = frozenset()

    def guard(self) -> None:
        if getattr(self, "_guard_passed", False):
            return
        request = self.context.get("request")
        model = getattr(getattr(self, "Meta", None), "model", None)
        target = self.context.get("guard_target", self.instance)
        protected_fields_refuse(
            acting_user=getattr(request, "user", None),
            submitted=_submitted_names(getattr(self, "initial_data", None)),
            protected=self.protected_fields,
            target=target if isinstance(target, Model) else None,
            target_type=model._meta.label_lower if model is not None else "",
            channel="api",
        )
        self._guard_passed = True

    def is_valid(self, *, raise_exception=False):
        self.guard()
        return super().is_valid(raise_exception=raise_exception)


class GuardedAdminMixin:
    """For ModelAdmins. The financial fields are read-only in the form (list them in
    `readonly_fields` too); a POST that names one anyway was forged, so it is refused with
    403 and recorded rather than silently ignored."""

    protected_fields: frozenset[str] = frozenset()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            target = self.get_object(request, unquote(object_id)) if object_id else None
            try:
                protected_fields_refuse(
                    acting_user=request.user,
                    submitted=_submitted_names(request.POST),
                    protected=self.protected_fields,
                    target=target,
                    target_type=self.model._meta.label_lower,
                    channel="admin",
                )
            except DomainError as exc:
                raise PermissionDenied(exc.detail) from exc
        return super().changeform_view(request, object_id, form_url, extra_context)
