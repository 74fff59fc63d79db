"""Privacy under India's Digital Personal Data Protection Act 2023: consent by purpose (with
its history), the borrower's copy of their own data, and erasure requests.

Erasure anonymises personal data but keeps financial records (loans, schedules, payments,
ledger) and the audit trail: lenders must retain them (RBI KYC Master Direction, PMLA
record keeping), which the DPDP Act allows (s.8(7): retention required by law).
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django_fsm import can_proceed

from accounts.models import (
    BankAccount,
    BorrowerProfile,
    ConsentPurpose,
    DataConsent,
    EmailToken,
    ErasureRequest,
    ErasureStatus,
    KycDocument,
    User,
)
from accounts.services.auth import _sessions_end
from lendingsite import context
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

# Reminders about dues on a running loan are part of servicing the contract, so they run
# until the borrower says no; marketing and bureau checks need an explicit yes first.
CONSENT_DEFAULTS: dict[str, bool] = {
    ConsentPurpose.MARKETING: False,
    ConsentPurpose.BUREAU_CHECK: False,
    ConsentPurpose.REMINDERS: True,
}
DECIDE_PERMISSION = "accounts.decide_erasurerequest"
EXPORT_FORMAT = "lendingsite-personal-data/1"
NOTE_LIMIT = 500

# Statuses (loans app) while which personal data must stay: money is still owed or moving.
_LOAN_HOLDS = ("pending_disbursement", "active", "written_off")
_APPLICATION_HOLDS = ("draft", "submitted", "under_review", "approved")


def _model(label: str):
    """A model of another app, or None when that app is not installed: this module must
    not break when an app it reports on is absent."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _purpose_checked(purpose: str) -> str:
    if purpose not in CONSENT_DEFAULTS:
        message = f"Choose one of: {', '.join(CONSENT_DEFAULTS)}."
        raise DomainError("validation_error", message, errors={"purpose": [message]})
    return purpose


# --- consent -------------------------------------------------------------------------------


def consent_granted(user: User, purpose: str) -> bool:
    """The current state of one consent: the latest decision, else the purpose's default."""
    _purpose_checked(purpose)
    latest = (
        DataConsent.objects.filter(user=user, purpose=purpose)
        .order_by("-id")
        .values_list("granted", flat=True)
        .first()
    )
    return CONSENT_DEFAULTS[purpose] if latest is None else latest


def consent_filter(queryset, purpose: str, *, user_field: str = "borrower"):
    """`queryset` narrowed to rows whose user (reached through `user_field`) currently has
    the consent: the set-based form of consent_granted, for jobs over many borrowers."""
    _purpose_checked(purpose)
    latest = (
        DataConsent.objects.filter(user=OuterRef(user_field), purpose=purpose)
        .order_by("-id")
        .values("granted")[:1]
    )
    annotated = queryset.annotate(_consent_latest=Subquery(latest))
    if CONSENT_DEFAULTS[purpose]:
        return annotated.filter(Q(_consent_latest=True) | Q(_consent_latest__isnull=True))
    return annotated.filter(_consent_latest=True)


def consent_states(*, user: User) -> list[dict]:
    """Every purpose with its current state and when it was last decided (one query)."""
    last_ids = (
        DataConsent.objects.filter(user=user)
        .values("purpose")
        .annotate(last=Max("id"))
        .values("last")
    )
    latest = {row.purpose: row for row in DataConsent.objects.filter(id__in=Subquery(last_ids))}
    states = []
    for purpose in ConsentPurpose:
        row = latest.get(purpose.value)
        states.append(
            {
                "purpose": purpose.value,
                "label": purpose.label,
                "granted": CONSENT_DEFAULTS[purpose.value] if row is None else row.granted,
                "decided_at": row.at if row else None,
                "default": row is None,
            }
        )
    return states


@refusals_audited("consent.change_refused")
@transaction.atomic
def consent_set(*, acting_user: User, purpose: str, granted: bool) -> DataConsent | None:
    """Record the borrower's own decision for one purpose. Consent is personal, so nobody
    decides it for someone else. Returns the new history row, or None when the decision
    equals the current state (nothing is written: the history shows only real changes)."""
    _purpose_checked(purpose)
    if not getattr(acting_user, "is_authenticated", False) or not acting_user.is_active:
        raise DomainError("permission_denied", "Sign in to change your consents.")
    # Lock the person so two quick clicks can't both read the same "current" state.
    User.objects.select_for_update().filter(pk=acting_user.pk).first()
    if consent_granted(acting_user, purpose) == bool(granted):
        return None
    ctx = context.current()
    row = DataConsent.objects.create(
        user=acting_user,
        purpose=purpose,
        granted=bool(granted),
        at=timezone.now(),
        ip=ctx.ip,
        user_agent=(ctx.user_agent or "")[:512],
    )
    audit_record(
        action="consent.granted" if granted else "consent.withdrawn",
        actor=acting_user,
        target=row,
        after={"user": acting_user.pk, "purpose": purpose, "granted": bool(granted)},
    )
    return row


# --- the borrower's copy of their data ---------------------------------------------------


# What the export shows of each kind of row (space-separated names, to stay legible).
# Officers' identities and internal notes are not the borrower's personal data: left out.
_FIELDS = {
    "account": "id email full_name date_joined email_verified_at last_login roles",
    "profile": (
        "full_name phone date_of_birth pan address employment_type employer monthly_income "
        "created_at updated_at"
    ),
    "kyc": "id doc_type status content_type size sha256 uploaded_at verified_at rejection_reason",
    "bank_account": (
        "id holder_name account_number ifsc bank_name branch status status_reason created_at "
        "replaced_at"
    ),
    "application": (
        "id amount tenure purpose monthly_income existing_emis status created_at submitted_at "
        "score grade reasons decided_at decision_reason offered_amount offered_rate "
        "offer_expires_on"
    ),
    "loan": (
        "id application_id status principal annual_rate tenure processing_fee net_disbursed apr "
        "disbursed_on cooling_off_until closed_on principal_outstanding dpd bucket"
    ),
    "installment": (
        "number due_date principal_due interest_due penal_due fees_due principal_paid "
        "interest_paid penal_paid fees_paid balance_after paid_on"
    ),
    "payment": (
        "id loan_id amount paid_on channel utr status penal fees interest principal excess "
        "posted_at"
    ),
    "notification": "created_at kind channel subject body status sent_at loan_id",
    "consent": "purpose granted at ip user_agent",
    "erasure": "id requested_at status decided_at note",
}


def _pick(obj, kind: str) -> dict:
    return {name: getattr(obj, name) for name in _FIELDS[kind].split()}


def _rows(label: str, kind: str, **filters) -> list[dict]:
    model = _model(label)
    if model is None:
        return []
    return [_pick(row, kind) for row in model.objects.filter(**filters).order_by("id")]


def _kyc_section(user: User) -> list[dict]:
    documents = KycDocument.objects.filter(profile__user=user).order_by("id")
    return [{**_pick(doc, "kyc"), "file_kept": bool(doc.file)} for doc in documents]


def _applications_section(user: User) -> list[dict]:
    model = _model("loans.LoanApplication")
    if model is None:
        return []
    rows = model.objects.filter(borrower=user).select_related("product").order_by("id")
    return [{**_pick(app, "application"), "product": app.product.code} for app in rows]


def _loans_section(user: User) -> list[dict]:
    model, installment = _model("loans.Loan"), _model("loans.Installment")
    if model is None:
        return []
    loans = (
        model.objects.filter(borrower=user)
        .select_related("product")
        .prefetch_related(Prefetch("installments", queryset=installment.objects.order_by("number")))
        .order_by("id")
    )
    return [
        {
            **_pick(loan, "loan"),
            "product": loan.product.code,
            "schedule": [_pick(row, "installment") for row in loan.installments.all()],
        }
        for loan in loans
    ]


def _messages_section(user: User) -> list[dict]:
    """The borrower's conversations with the lender (messaging): every delivered message
    in their threads; the text of a message the lender hid is withheld unless it was theirs."""
    model = _model("messaging.Message")
    if model is None:
        return []
    rows = model.objects.filter(thread__borrower=user, delivered_at__isnull=False).order_by("id")
    return [
        {
            "id": m.pk,
            "thread": m.thread_id,
            "about": m.thread.subject,
            "from": "you" if m.sender_id == user.pk else "lender",
            "sent_at": m.created_at,
            "delivered_at": m.delivered_at,
            "body": m.body if (m.hidden_at is None or m.sender_id == user.pk) else "",
            "attachment": m.attachment_type or None,
            "hidden": m.hidden_at is not None,
            "erased": m.erased_at is not None,
        }
        for m in rows.select_related("thread")
    ]


def _messages_forget(user: User, now) -> int:
    """Blank every message of the person's conversations (theirs and the replies, which
    speak about them) and delete the attached files after commit; the rows stay, marked
    erased, so a thread's history still shows that something was said and when."""
    model = _model("messaging.Message")
    if model is None:
        return 0
    rows = model.objects.filter(thread__borrower=user, erased_at__isnull=True)
    names = [n for n in rows.values_list("attachment", flat=True) if n]
    count = rows.update(body="", attachment="", attachment_type="", erased_at=now)
    storage = model._meta.get_field("attachment").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return count


@transaction.atomic
def personal_data_export(*, user: User) -> dict:
    """Everything we hold about `user`, for the user (DPDP Act s.11, right to access).
    PII is decrypted: it is theirs. Values are Python types (Decimal, date); the page
    serialises with DjangoJSONEncoder (money as "1000.00" strings)."""
    profile = BorrowerProfile.objects.filter(user=user).first()
    data = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now(),
        "lender": settings.LENDER_NAME,
        "account": _pick(user, "account"),
        "profile": _pick(profile, "profile") if profile else None,
        "kyc_documents": _kyc_section(user),
        "bank_accounts": _rows("accounts.BankAccount", "bank_account", profile__user=user),
        "applications": _applications_section(user),
        "loans": _loans_section(user),
        "payments": _rows("repayments.Payment", "payment", loan__borrower=user),
        "consents": _rows("accounts.DataConsent", "consent", user=user),
        "erasure_requests": _rows("accounts.ErasureRequest", "erasure", user=user),
        "notifications": _rows("collection.Notification", "notification", borrower=user),
        "messages": _messages_section(user),
    }
    audit_record(
        action="privacy.exported",
        actor=user,
        target=user,
        after={name: len(value) for name, value in data.items() if isinstance(value, list)},
    )
    return data


# --- erasure -------------------------------------------------------------------------------


def erasure_blockers(*, user: User) -> list[str]:
    """Why the user's personal data can't be erased now, in plain words (empty: it can).
    The page warns with these and erasure_request_complete refuses with them."""
    reasons = []
    loan_model = _model("loans.Loan")
    if loan_model is not None:
        for loan in loan_model.objects.filter(borrower=user, status__in=_LOAN_HOLDS).order_by("id"):
            reasons.append(
                f"Loan #{loan.pk} is {loan.get_status_display().lower()}. While a loan is open "
                f"we must keep your details; we can erase them once it is closed."
            )
    app_model = _model("loans.LoanApplication")
    if app_model is not None:
        for app in app_model.objects.filter(borrower=user, status__in=_APPLICATION_HOLDS).order_by(
            "id"
        ):
            reasons.append(
                f"Application #{app.pk} is still open ({app.get_status_display().lower()}). "
                f"Withdraw it, or wait for its decision, first."
            )
    return reasons


def _lock_pending(acting_user: User, request: ErasureRequest) -> ErasureRequest:
    if not acting_user.has_perm(DECIDE_PERMISSION):
        raise DomainError(
            "permission_denied", "You don't have permission to decide erasure requests."
        )
    locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if not can_proceed(locked.complete):  # complete and reject share their source
        raise DomainError(
            "invalid_state",
            f"Erasure request #{locked.pk} is already {locked.status}; only pending requests "
            f"can be decided.",
        )
    if locked.user_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"Erasure request #{locked.pk} is your own; another officer must decide it.",
        )
    return locked


@refusals_audited("privacy.erasure_request_refused")
@transaction.atomic
def erasure_request_create(*, acting_user: User) -> ErasureRequest:
    """The borrower asks for their personal data to be erased (DPDP Act s.12)."""
    User.objects.select_for_update().filter(pk=acting_user.pk).first()
    pending = ErasureRequest.objects.filter(user=acting_user, status=ErasureStatus.PENDING).first()
    if pending is not None:
        raise DomainError(
            "duplicate",
            f"You already asked for this on {timezone.localtime(pending.requested_at):%d %b %Y}. "
            f"An officer will reply; you don't need to ask again.",
        )
    request = ErasureRequest.objects.create(user=acting_user, requested_at=timezone.now())
    audit_record(
        action="privacy.erasure_requested",
        actor=acting_user,
        target=request,
        after={"user": acting_user.pk, "status": request.status},
    )
    return request


def _kyc_files_forget(profile: BorrowerProfile | None) -> int:
    """Metadata-only KYC rows; the stored files go once the transaction has committed (a
    rollback must not leave rows pointing at deleted files)."""
    if profile is None:
        return 0
    documents = KycDocument.objects.filter(profile=profile).exclude(file="")
    names = list(documents.values_list("file", flat=True))
    documents.update(file="")
    storage = KycDocument._meta.get_field("file").storage

    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(names)


def _login_traces_forget(email: str) -> None:
    # django-axes keeps the typed username (the email) and IP of sign-in attempts.
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        model = _model(label)
        if model is not None:
            model.objects.filter(username__iexact=email).delete()


def personal_data_anonymise(*, user: User, now) -> dict:
    """The one anonymisation (erasure on request, and the retention job after the
    retention period): personal data of the account, profile, KYC files, payout account
    numbers, email tokens and sign-in traces go; loans, payments, ledger, consent history
    and the audit trail stay. Returns what it did, for the audit event."""
    marker = f"erased-{user.pk}"
    old_email = user.email
    withdrawn = [p for p in CONSENT_DEFAULTS if consent_granted(user, p)]

    user.email, user.full_name = f"{marker}@invalid", marker
    user.set_unusable_password()
    user.is_active, user.credentials_changed_at = False, now
    user.save(
        update_fields=["email", "full_name", "password", "is_active", "credentials_changed_at"]
    )
    sessions = _sessions_end(user=user)

    profile = BorrowerProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        profile.full_name, profile.phone, profile.pan = marker, "", ""
        profile.date_of_birth, profile.address, profile.employer = None, "", ""
        profile.employment_type, profile.monthly_income = "", None
        profile.save()  # save() also clears pan_hash for the blank PAN
    files = _kyc_files_forget(profile)
    if profile is not None:
        # The number is personal data; the row stays (a loan's payout names it).
        for account in BankAccount.objects.select_for_update().filter(profile=profile):
            account.holder_name, account.account_number = marker, ""
            account.account_number_hash = ""
            account.save(update_fields=["holder_name", "account_number", "account_number_hash"])
    EmailToken.objects.filter(user=user).delete()
    for label in ("otp_totp.TOTPDevice", "twofactor.RecoveryCode"):  # an opted-in second factor
        model = _model(label)
        if model is not None:
            model.objects.filter(user=user).delete()
    _login_traces_forget(old_email)
    messages = _messages_forget(user, now)
    # Nothing is sent to an erased person any more; the history says when that started.
    DataConsent.objects.bulk_create(
        [DataConsent(user=user, purpose=p, granted=False, at=now) for p in withdrawn]
    )

    return {
        "user": user.pk,
        "kyc_files_deleted": files,
        "messages_erased": messages,
        "consents_withdrawn": withdrawn,
        **sessions,
    }


@refusals_audited("privacy.erasure_complete_refused")
@transaction.atomic
def erasure_request_complete(
    *, acting_user: User, request: ErasureRequest, note: str = ""
) -> ErasureRequest:
    """Anonymise the requester's personal data; keep loans, payments, ledger, consent
    history and the audit trail. Refused while a loan or an application is open."""
    locked = _lock_pending(acting_user, request)
    user = User.objects.select_for_update().get(pk=locked.user_id)
    blockers = erasure_blockers(user=user)
    if blockers:
        raise DomainError("invalid_state", "We can't erase this data yet. " + " ".join(blockers))
    now = timezone.now()
    changed = personal_data_anonymise(user=user, now=now)

    locked.complete(by=acting_user, at=now, note=(note or "").strip()[:NOTE_LIMIT])
    locked.save()
    audit_record(
        action="privacy.erasure_completed",
        actor=acting_user,
        target=locked,
        before={"status": ErasureStatus.PENDING},
        after={
            "status": locked.status,
            "user": user.pk,
            **changed,
        },
    )
    return locked


@refusals_audited("privacy.erasure_reject_refused")
@transaction.atomic
def erasure_request_reject(
    *, acting_user: User, request: ErasureRequest, note: str
) -> ErasureRequest:
    """Turn the request down; the borrower sees the note, so it must say why."""
    note = (note or "").strip()
    if not note:
        message = "Tell the borrower why the request is rejected."
        raise DomainError("validation_error", message, errors={"note": [message]})
    if len(note) > NOTE_LIMIT:
        message = f"Keep the note to {NOTE_LIMIT} characters."
        raise DomainError("validation_error", message, errors={"note": [message]})
    locked = _lock_pending(acting_user, request)
    locked.reject(by=acting_user, at=timezone.now(), note=note)
    locked.save()
    audit_record(
        action="privacy.erasure_rejected",
        actor=acting_user,
        target=locked,
        before={"status": ErasureStatus.PENDING},
        after={"status": locked.status, "note": note},
    )
    return locked
