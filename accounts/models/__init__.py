import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django_fsm import FSMField, transition

from accounts import crypto
from accounts.fields import EncryptedDateField, EncryptedTextField
from accounts.validators import normalize_pan, validate_pan, validate_phone
from lendingsite.audit import AuditOutcome


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("email_verified_at", timezone.now())
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Email is the login. Roles are Django groups (accounts.roles)."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # JWT access tokens issued before this instant are refused (password reset ends
    # every session, including API ones).
    credentials_changed_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def roles(self) -> list[str]:
        return sorted(g.name for g in self.groups.all())


class EmploymentType(models.TextChoices):
    SALARIED = "salaried", "Salaried"
    SELF_EMPLOYED = "self_employed", "Self-employed professional"
    BUSINESS = "business", "Business owner"
    OTHER = "other", "Other"


class BorrowerProfile(models.Model):
    """PAN, phone and date of birth are Fernet-encrypted; `pan_hash` (HMAC) keeps PAN
    unique and searchable without storing it in clear."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="profile")
    full_name = models.CharField(max_length=150)
    phone = EncryptedTextField(blank=True, validators=[validate_phone])
    date_of_birth = EncryptedDateField(null=True, blank=True)
    pan = EncryptedTextField(blank=True, validators=[validate_pan])
    pan_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    address = models.TextField(blank=True)
    employment_type = models.CharField(max_length=20, choices=EmploymentType, blank=True)
    employer = models.CharField(max_length=150, blank=True)
    monthly_income = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # No whitespace anywhere, so "abcde 1234f" keys the same hash as "ABCDE1234F".
        self.pan = "".join(normalize_pan(self.pan).split())
        self.pan_hash = crypto.keyed_hash(self.pan) if self.pan else None
        super().save(*args, **kwargs)

    @property
    def kyc_verified(self) -> bool:
        """PAN card verified and an address proof verified: the minimum to lend."""
        verified = {
            d.doc_type
            for d in self.documents.all()
            if d.status == KycStatus.VERIFIED and d.superseded_at is None
        }
        return {KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF} <= verified


class KycDocType(models.TextChoices):
    PAN_CARD = "pan_card", "PAN card"
    ADDRESS_PROOF = "address_proof", "Address proof"
    INCOME_PROOF = "income_proof", "Income proof"
    PHOTO = "photo", "Photograph"


class KycStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


def kyc_upload_path(instance, filename):
    # A random name: the borrower's file name may itself carry PII.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"kyc/{instance.profile_id}/{uuid.uuid4().hex}{suffix}"


class KycDocument(models.Model):
    profile = models.ForeignKey(BorrowerProfile, on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField(max_length=20, choices=KycDocType)
    file = models.FileField(upload_to=kyc_upload_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    status = FSMField(default=KycStatus.PENDING, choices=KycStatus, protected=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Who put the file in (the borrower or an officer): maker-checker refuses that person
    # as the verifier.
    uploaded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=300, blank=True)
    # A newer upload of the same type replaced this one (accounts.services.kyc): it is kept
    # as a record and its file stays downloadable, but it no longer counts for KYC.
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "KYC document"
        verbose_name_plural = "KYC documents"
        permissions = [("verify_kycdocument", "Can verify or reject KYC documents")]
        indexes = [models.Index(fields=["status", "uploaded_at"])]

    def __str__(self):
        return f"{self.get_doc_type_display()} #{self.pk}"

    @property
    def in_force(self) -> bool:
        """Counts for KYC: not replaced by a newer upload and not rejected."""
        return self.superseded_at is None and self.status != KycStatus.REJECTED

    @transition(field=status, source=KycStatus.PENDING, target=KycStatus.VERIFIED)
    def verify(self, *, by, at):
        self.verified_by, self.verified_at, self.rejection_reason = by, at, ""

    @transition(field=status, source=KycStatus.PENDING, target=KycStatus.REJECTED)
    def reject(self, *, by, at, reason):
        self.verified_by, self.verified_at, self.rejection_reason = by, at, reason


class TokenPurpose(models.TextChoices):
    VERIFY_EMAIL = "verify_email", "Email verification"
    RESET_PASSWORD = "reset_password", "Password reset"


class EmailToken(models.Model):
    """A single-use link token. Only its SHA-256 is stored: a database leak gives no
    usable links."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_tokens")
    purpose = models.CharField(max_length=20, choices=TokenPurpose)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "purpose", "created_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} token #{self.pk}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise PermissionError(f"{self.model.__name__} rows are append-only")

    _raw_delete = delete


class AppendOnlyModel(models.Model):
    """No update or delete through the ORM; on PostgreSQL a trigger also refuses them
    (migration 0003), so raw SQL can't either without disabling it."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} rows are append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} rows are append-only")


class AuditEvent(AppendOnlyModel):
    """Every state change and every refused attempt. Written only by lendingsite.audit (settings.AUDIT_EVENT_MODEL names this model)."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # No FK constraint: an audit row must outlive the user it names (erasure, merges).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_repr = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    outcome = models.CharField(max_length=10, choices=AuditOutcome, default=AuditOutcome.SUCCESS)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    request_id = models.CharField(max_length=128, blank=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]
        permissions = [("verify_auditevent", "Can verify the audit hash chain")]

    def __str__(self):
        return f"{self.action} by {self.actor_repr or 'system'} at {self.created_at:%Y-%m-%d %H:%M}"


class AuditSeal(AppendOnlyModel):
    """The hash chain, kept beside the events so events never need an UPDATE. `seq` is the
    chain position (sealing order), hash = SHA-256(prev_hash + canonical event)."""

    seq = models.BigIntegerField(primary_key=True)
    event = models.OneToOneField(AuditEvent, on_delete=models.PROTECT, related_name="seal")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"seal {self.seq}"


# --- Privacy (India's DPDP Act 2023): consents and erasure requests -----------------------


class ConsentPurpose(models.TextChoices):
    MARKETING = "marketing", "Offers and marketing messages"
    BUREAU_CHECK = "bureau_check", "Credit bureau check"
    REMINDERS = "reminders", "Payment reminders"


class DataConsent(AppendOnlyModel):
    """One row per decision (granted or withdrawn). The history is the record a Data
    Fiduciary must be able to show, so rows are never changed: the latest row for a
    purpose is the current state (accounts.services.privacy.consent_granted)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="data_consents")
    purpose = models.CharField(max_length=20, choices=ConsentPurpose)
    granted = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "purpose", "at"], name="dataconsent_latest")]

    def __str__(self):
        verb = "granted" if self.granted else "withdrawn"
        return f"{self.get_purpose_display()} {verb} by {self.user_id} at {self.at:%Y-%m-%d %H:%M}"


class ErasureStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    COMPLETED = "completed", "Completed (personal data anonymised)"
    REJECTED = "rejected", "Rejected"


class ErasureRequest(models.Model):
    """A borrower's request to erase their personal data. An officer completes it
    (accounts.services.privacy.erasure_request_complete) or rejects it with a note."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="erasure_requests")
    requested_at = models.DateTimeField(default=timezone.now)
    status = FSMField(default=ErasureStatus.PENDING, choices=ErasureStatus, protected=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        permissions = [("decide_erasurerequest", "Can complete or reject erasure requests")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="erasure_one_pending_per_user",
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self):
        return f"Erasure request #{self.pk} ({self.status})"

    @transition(field=status, source=ErasureStatus.PENDING, target=ErasureStatus.COMPLETED)
    def complete(self, *, by, at, note=""):
        self.decided_by, self.decided_at, self.note = by, at, note

    @transition(field=status, source=ErasureStatus.PENDING, target=ErasureStatus.REJECTED)
    def reject(self, *, by, at, note):
        self.decided_by, self.decided_at, self.note = by, at, note


# The disbursement bank account and the IFSC directory (kept in their own module).
from accounts.models.bank import BankAccount, BankAccountStatus, BankBranch  # noqa: E402, F401
from accounts.models.roles import RoleChange, RoleChangeStatus  # noqa: E402, F401
