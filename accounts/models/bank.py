"""The borrower's disbursement bank account and the bank/branch directory its IFSC is
checked against. Imported by accounts.models, so Django registers them with the app."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

from accounts.banking import account_number_mask
from accounts.fields import EncryptedTextField


class BankBranch(models.Model):
    """One row of RBI's IFSC list (shipped sample: accounts/data/ifsc_branches.csv; the
    full list: `manage.py import_ifsc`)."""

    ifsc = models.CharField(max_length=11, primary_key=True)
    bank = models.CharField(max_length=120)
    branch = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    city = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "bank branches"

    def __str__(self):
        return f"{self.ifsc} {self.bank}, {self.branch}"


class BankAccountStatus(models.TextChoices):
    PENDING = "pending", "Waiting for verification"
    VERIFIED = "verified", "Verified"
    FAILED = "failed", "Verification failed"


class BankAccount(models.Model):
    """A borrower's account for the loan to be paid into. The number is Fernet-encrypted;
    `last4` is kept apart so lists never decrypt. A borrower has one current account
    (`replaced_at` empty); adding another retires it. Status moves only through the
    services in accounts.services.bank_accounts."""

    profile = models.ForeignKey(
        "accounts.BorrowerProfile", on_delete=models.PROTECT, related_name="bank_accounts"
    )
    holder_name = models.CharField(max_length=150)
    account_number = EncryptedTextField()
    # HMAC of the number: finds the same account without decrypting every row.
    account_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    last4 = models.CharField(max_length=4, editable=False)
    ifsc = models.CharField(max_length=11)
    bank_name = models.CharField(max_length=120)
    branch = models.CharField(max_length=200)

    status = FSMField(default=BankAccountStatus.PENDING, choices=BankAccountStatus, protected=True)
    status_reason = models.CharField(max_length=300, blank=True)
    name_at_bank = models.CharField(max_length=150, blank=True)
    verification_method = models.CharField(max_length=60, blank=True)
    verification_reference = models.CharField(max_length=100, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Set when the account was added while an offer was open (loans listener): only an
    # officer's verification counts then, never the automatic check alone.
    officer_check_required = models.BooleanField(default=False)

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("verify_bankaccount", "Can verify borrowers' bank accounts")]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(replaced_at__isnull=True),
                name="bankaccount_one_current_per_profile",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.masked_number} ({self.ifsc})"

    @property
    def masked_number(self) -> str:
        return account_number_mask(self.last4)

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None

    def beneficiary(self) -> dict:
        """What a disbursement names as the payee: never the full number."""
        return {
            "bank_account": self.pk,
            "name": self.holder_name,
            "account": self.masked_number,
            "ifsc": self.ifsc,
            "bank": self.bank_name,
            "branch": self.branch,
        }

    @transition(
        field=status,
        source=[BankAccountStatus.PENDING, BankAccountStatus.FAILED],
        target=BankAccountStatus.VERIFIED,
    )
    def verify(self):
        pass

    @transition(
        field=status,
        source=[BankAccountStatus.PENDING, BankAccountStatus.FAILED],
        target=BankAccountStatus.FAILED,
    )
    def fail(self):
        pass

    @transition(field=status, source=BankAccountStatus.VERIFIED, target=BankAccountStatus.PENDING)
    def reopen(self):
        pass
