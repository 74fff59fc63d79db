"""Every audit action name, in one registry (the choices of AuditEvent.action), and the
one naming rule they follow:

- What happened: ``<noun>.<past_tense_verb>``, the noun the thing acted on and the verb
  in the past tense (``product.updated``, ``kyc.verified``, ``auth.logged_in``,
  ``day_end.chunk_processed``); a phrase stays noun first (``case.promise_recorded``).
- What was refused (outcome "denied"): ``<noun>.<verb>_refused``, the verb the caller
  attempted in the present tense (``kyc.verify_refused``, ``product.update_refused``);
  the refusals of a service (lendingsite.audit.refusals_audited) and of the API's gates
  (accounts.gates) carry the same name.

lendingsite.audit.audit_record refuses a name not listed here when settings.DEBUG is on or
under the tests, so a new action is added here first; listeners (audit_listen, the
borrower's notices) and the borrower's timeline match on these names.

Names used before this rule are kept in the stored events: the audit hash chain
(accounts.seals.canonical) covers `action`, so renaming a sealed row would break the chain,
and a data migration may not rewrite sealed history. `current_name` shows an old row under
its current name (the admin's audit log does); nothing else reads the old names.
"""

from __future__ import annotations

DENIED = "denied"  # accounts.models.AuditOutcome.DENIED (this module imports no app)

SUCCEEDED: frozenset[str] = frozenset(
    {
        # accounts
        "auth.registered",
        "auth.verification_email_resent",
        "auth.email_verified",
        "auth.password_reset_requested",
        "auth.password_reset",
        "auth.logged_in",
        "auth.logged_out",
        "auth.login_failed",
        "auth.locked_out",
        "auth.unlocked",
        "auth.tokens_purged",
        "bank_account.added",
        "bank_account.verified",
        "bank_account.verification_failed",
        "bank_account.check_deferred",
        "bank_account.officer_check_required",
        "bank_account.reopened",
        "bank_directory.imported",
        "consent.granted",
        "consent.withdrawn",
        "kyc.uploaded",
        "kyc.superseded",
        "kyc.verified",
        "kyc.rejected",
        "pii.keys_rotated",
        "pii.revealed",
        "privacy.exported",
        "privacy.erasure_requested",
        "privacy.erasure_completed",
        "privacy.erasure_rejected",
        "profile.created",
        "profile.updated",
        "twofactor.enrolled",
        "twofactor.verified",
        "twofactor.reauthenticated",
        "twofactor.recovery_code_used",
        "twofactor.recovery_codes_regenerated",
        "twofactor.reset_requested",
        "twofactor.reset_decided",
        "screening.list_imported",
        "screening.hit_recorded",
        "screening.reviewed",
        "privacy.retention_anonymised",
        "role.changed",
        "user.updated",
        "user.deactivated",
        "user.reactivated",
        "user.sessions_ended",
        "user.password_reset_forced",
        "role_change.proposed",
        "role_change.approved",
        "role_change.rejected",
        # platform
        "guard.denied",
        "idempotency.purged",
        "periodic_task.created",
        "periodic_task.updated",
        "periodic_task.disabled",
        "kill_switch.turned_on",
        "kill_switch.turned_off",
        # loans
        "application.created",
        "application.updated",
        "application.submitted",
        "application.rescored",
        "application.recommended",
        "application.hard_stops_overridden",
        "application.approved",
        "application.rejected",
        "application.withdrawn",
        "application.expired",
        "application.accepted",
        "loan.opened",
        "loan.disbursed",
        "loan.updated",
        "loan.cancelled",
        "loan.delinquency_refreshed",
        "product.created",
        "product.updated",
        # repayments
        "payment.posted",
        "payment.reversed",
        "payment.utr_conflict_found",
        "charge.levied",
        "charge.reversed",
        "charge.waiver_proposed",
        "charge.waived",
        "charge.waiver_rejected",
        "credit.refunded",
        "exit_request.opened",
        "exit_request.lapsed",
        "exit_request.completed",
        "exit_request.reopened",
        "webhook.rejected",
        "webhook.refused",
        # referrals
        "referral_code.issued",
        "referral.recorded",
        "referral.ignored",
        "referral_programme.created",
        "referral_programme.updated",
        "referral_reward.created",
        "referral_reward.flagged",
        "referral_reward.earned",
        "referral_reward.decision_proposed",
        "referral_reward.approved",
        "referral_reward.voided",
        "referral_reward.paid",
        "proposal.submitted",
        "proposal.approved",
        "proposal.rejected",
        "loan.written_off",
        "loan.settled",
        "settlement.opened",
        "settlement.broken",
        "settlement.superseded",
        "restructure.applied",
        "restructure.lapsed",
        "moratorium.created",
        "moratorium.applied",
        "moratorium.skipped",
        "moratorium.finished",
        # collection
        "case.assigned",
        "case.contact_logged",
        "case.promise_recorded",
        "cases.auto_assigned",
        "collector_scores.computed",
        "day_end.started",
        "day_end.resumed",
        "day_end.already_completed",
        "day_end.chunk_processed",
        "day_end.completed",
        # accounting (the month-end close and the on-demand accrual)
        "month_end.started",
        "month_end.resumed",
        "month_end.already_completed",
        "month_end.chunk_processed",
        "month_end.completed",
        "loan.collateral_recorded",
        "notices.offer_expiry_queued",
        "promises.settled",
        # One per promise the day-end settled (written in one INSERT … SELECT beside the
        # run's promises.settled: lendingsite.audit.audit_record_select).
        "promise.kept",
        "promise.broken",
        "reminders.sent",
        "reminders.released",
        # mandates
        "mandate.registered",
        "mandate.activated",
        "mandate.rejected",
        "mandate.paused",
        "mandate.resumed",
        "mandate.cancelled",
        "mandate_webhook.rejected",
        "presentations.presented",
        "presentation.debited",
        "presentation.bounced",
        "presentation_results.loaded",
        # messaging
        "thread.opened",
        "thread.unread_notice_sent",
        "message.posted",
        "message.delivered",
        "message.hidden",
        "message.reported",
        # integrations
        "api_key.created",
        "api_key.revoked",
        "service_account.created",
        "webhook_endpoint.created",
        "webhook_endpoint.updated",
        "webhook_endpoint.secret_rotated",
        "webhook_endpoint.disabled",
        "webhook_endpoint.tested",
        "webhook_secret_keys.rotated",
        "webhook_delivery.replayed",
        # reconciliation
        "virtual_account.issued",
        "statement.imported",
        "statement_line.assigned",
        "statement_line.approved",
        "statement_line.refund_marked",
        # bureau
        "bureau_export.created",
        "bureau_rejections.loaded",
        "ckyc_number.set",
    }
)

REFUSED: frozenset[str] = frozenset(
    f"{name}_refused"
    for name in (
        "kill_switch.set",
        "mandate.register",
        "mandate.pause",
        "mandate.resume",
        "mandate.cancel",
        "statement.import",
        "statement_line.assign",
        "statement_line.approve",
        "statement_line.refund",
        "bureau_export.create",
        "bureau_rejections.load",
        "ckyc_number.set",
        "referral_reward.review",
        "referral_code.issue",
        "referral_report.read",
        "referral_programme.read",
        "referral_reward.pay",
        "referral_programme.save",
        "auth.register",
        "auth.register_duplicate",
        "auth.verify_email_resend",
        "auth.verify_email",
        "auth.password_reset_request",
        "auth.password_reset",
        "auth.logout",
        "auth.unlock",
        "bank_account.add",
        "bank_account.verify",
        "consent.change",
        "kyc.upload",
        "kyc.verify",
        "kyc.reject",
        "pii.keys_rotate",
        "pii.reveal",
        "privacy.erasure_request",
        "privacy.erasure_complete",
        "twofactor.enroll",
        "twofactor.verify",
        "twofactor.reauthenticate",
        "twofactor.reset_request",
        "twofactor.reset_decide",
        "screening.review",
        "privacy.erasure_reject",
        "profile.create",
        "profile.update",
        "role.change",
        "user.update",
        "user.deactivate",
        "user.reactivate",
        "user.sessions_end",
        "user.password_reset_force",
        "role_change.propose",
        "role_change.approve",
        "role_change.reject",
        "application.create",
        "application.update",
        "application.submit",
        "application.recommend",
        "application.override",
        "application.approve",
        "application.reject",
        "application.withdraw",
        "application.accept",
        "loan.disburse",
        "loan.update",
        "product.create",
        "product.update",
        "payment.post",
        "payment.reverse",
        "charge.levy",
        "charge.waive",
        "charge.waiver_approve",
        "charge.waiver_reject",
        "credit.refund",
        "exit_request.open",
        "proposal.submit",
        "proposal.approve",
        "proposal.reject",
        "restructure.accept",
        "moratorium.create",
        "case.assign",
        "case.contact",
        "case.promise",
        "cases.auto_assign",
        "day_end.run",
        "month_end.run",
        "loan.collateral_record",
        "thread.open",
        "message.post",
        "message.hide",
        "message.report",
        "api_key.create",
        "api_key.revoke",
        "service_account.create",
        "webhook_endpoint.create",
        "webhook_endpoint.update",
    )
)

ACTIONS: frozenset[str] = SUCCEEDED | REFUSED

# Which actions partners receive as webhooks (the integrations app's outbox), and the
# version of each one's payload: the event type is the action's own name, so one
# registry names both. A payload change that is not purely additive bumps the version
# (docs/webhooks.md). The two `loan.*` events marked derived are not audit actions of
# their own: the outbox emits them with the payment.posted that closed the loan.
WEBHOOK_EVENTS: dict[str, int] = {
    "application.submitted": 1,
    "application.approved": 1,
    "application.rejected": 1,
    "application.withdrawn": 1,
    "application.expired": 1,
    "application.accepted": 1,
    "loan.disbursed": 1,
    "loan.cancelled": 1,
    "loan.written_off": 1,
    "loan.settled": 1,
    "payment.posted": 1,
    "payment.reversed": 1,
    "charge.levied": 1,
    "charge.waived": 1,
    "mandate.activated": 1,
    "mandate.rejected": 1,
    "mandate.paused": 1,
    "mandate.resumed": 1,
    "mandate.cancelled": 1,
    "presentation.debited": 1,
    "presentation.bounced": 1,
}
WEBHOOK_DERIVED_EVENTS: dict[str, int] = {
    "loan.closed": 1,  # with payment.posted, when the payment paid the loan off
    "loan.foreclosed": 1,  # with payment.posted, when it closed the loan before its end
    "endpoint.test": 1,  # sent on request to one endpoint (the console's "send test")
    # With day_end.chunk_processed: one per bucket-history row the chunk wrote (the
    # day-end is set-based and audits one event per chunk, not per loan).
    "loan.bucket_changed": 1,
    # With day_end.chunk_processed too: the collection cases the chunk opened or closed.
    "case.opened": 1,
    "case.closed": 1,
    # With promises.settled: one per promise the day-end settled (also audit actions of
    # their own, written set-based, so no per-row listener call emits them).
    "promise.kept": 1,
    "promise.broken": 1,
}
WEBHOOK_EVENT_TYPES: dict[str, int] = {**WEBHOOK_EVENTS, **WEBHOOK_DERIVED_EVENTS}
CHOICES: list[tuple[str, str]] = [(name, name) for name in sorted(ACTIONS)]

# Names stored before the rule (sealed; see the module docstring) -> the current name.
# A refusal used to carry the service's name with outcome "denied", sometimes in the past
# tense, so the old name alone does not say which event it was: the outcome does.
LEGACY_SUCCEEDED: dict[str, str] = {
    "auth.register": "auth.registered",
    "auth.verify_email_resend": "auth.verification_email_resent",
    "auth.verify_email": "auth.email_verified",
    "auth.password_reset_request": "auth.password_reset_requested",
    "auth.login": "auth.logged_in",
    "auth.logout": "auth.logged_out",
    "bank_account.check_unavailable": "bank_account.check_deferred",
    "day_end.chunk": "day_end.chunk_processed",
    "notices.offer_expiring": "notices.offer_expiry_queued",
}
LEGACY_REFUSED: dict[str, str] = {
    "auth.register_duplicate": "auth.register_duplicate_refused",
    "auth.unlocked": "auth.unlock_refused",
    "consent.changed": "consent.change_refused",
    "kyc.uploaded": "kyc.upload_refused",
    "kyc.verified": "kyc.verify_refused",
    "kyc.rejected": "kyc.reject_refused",
    "pii.keys_rotated": "pii.keys_rotate_refused",
    "privacy.erasure_requested": "privacy.erasure_request_refused",
    "privacy.erasure_completed": "privacy.erasure_complete_refused",
    "privacy.erasure_rejected": "privacy.erasure_reject_refused",
    "profile.created": "profile.create_refused",
    "profile.updated": "profile.update_refused",
    "role.changed": "role.change_refused",
    "user.updated": "user.update_refused",
    # The others were the bare verb: "payment.post" -> "payment.post_refused".
    **{name.removesuffix("_refused"): name for name in REFUSED},
}


class UnknownAuditAction(ValueError):
    pass


# The tests' own events (the audit helper's and the platform's tests) use this noun.
TEST_NOUN = "test."


def action_check(action: str) -> None:
    """Raise UnknownAuditAction for a name not in the registry."""
    if action not in ACTIONS and not action.startswith(TEST_NOUN):
        raise UnknownAuditAction(
            f"Audit action {action!r} is not in lendingsite.audit_actions; add it there "
            "(noun.past_tense_verb, or noun.verb_refused for a refusal)."
        )


def current_name(action: str, outcome: str = "") -> str:
    """The name an event is shown under: its own, or for an event stored before the
    naming rule, the name it has now."""
    if action in ACTIONS and not (outcome == DENIED and action in LEGACY_REFUSED):
        return action
    legacy = LEGACY_REFUSED if outcome == DENIED else LEGACY_SUCCEEDED
    return legacy.get(action, action)
