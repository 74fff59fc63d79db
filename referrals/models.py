"""Referral codes, who referred whom, the programme's rules and the rewards they earn.
Rules and fraud reasons: docs/referrals.md."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

MONEY = {"max_digits": 14, "decimal_places": 2}


class ReferralCode(models.Model):
    """One code per borrower, issued once and never changed (lendingsite.refcode)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referral_code"
    )
    code = models.CharField(max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.code


class Referral(models.Model):
    """A sign-up that named a code. Recorded once, at sign-up; nothing changes it after
    (one row per referred user, and no service updates it)."""

    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referred = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referred_by"
    )
    code = models.CharField(max_length=12, editable=False)
    # Where the sign-up came from, for the fraud checks (docs/referrals.md).
    signup_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    signup_device = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["referrer", "created_at"])]

    def __str__(self):
        return f"{self.referrer_id} → {self.referred_id}"


class EarnRule(models.TextChoices):
    DISBURSED = "disbursed", "Referred loan disbursed"
    FIRST_INSTALLMENT_ON_TIME = (
        "first_installment_on_time",
        "Referred loan disbursed and its first installment paid on time",
    )


class Programme(models.Model):
    """The lender's rules, set in the console. The programme in force on a date is the
    active one whose dates include it (the latest started, if several)."""

    name = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reward_amount = models.DecimalField(**MONEY, default=Decimal("500.00"))
    earn_rule = models.CharField(
        max_length=30, choices=EarnRule, default=EarnRule.FIRST_INSTALLMENT_ON_TIME
    )
    monthly_cap_per_referrer = models.PositiveSmallIntegerField(
        default=5, help_text="Rewards one referrer can get in a calendar month (IST)."
    )
    max_signups_per_ip = models.PositiveSmallIntegerField(
        default=3, help_text="Referred sign-ups from one IP address before they are flagged."
    )
    burst_count = models.PositiveSmallIntegerField(
        default=3, help_text="Referrals by one referrer within the burst window that are flagged."
    )
    burst_hours = models.PositiveSmallIntegerField(default=24)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reward_amount__gt=0), name="programme_reward_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.name


class RewardStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    EARNED = "earned", "Earned"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


class ReviewState(models.TextChoices):
    NONE = "", "Not flagged"
    FLAGGED = "flagged", "Flagged: waiting for review"
    APPROVED = "approved", "Approved after review"


class PayoutMethod(models.TextChoices):
    LOAN_CREDIT = "loan_credit", "Credited to the referrer's loan"
    BANK_PAYOUT = "bank_payout", "Paid out to the referrer's bank account"


class Reward(models.Model):
    """What a referral earns. `pending → earned → paid | void`; status moves only through
    referrals.services."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="reward")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rewards")
    loan = models.ForeignKey(
        "loans.Loan", on_delete=models.PROTECT, related_name="referral_rewards"
    )
    amount = models.DecimalField(**MONEY)
    status = FSMField(
        default=RewardStatus.PENDING, choices=RewardStatus, protected=True, db_index=True
    )
    # Reason codes of the fraud checks (referrals.rules.REASONS) that held it for review.
    flags = models.JSONField(default=list, blank=True)
    review_state = models.CharField(
        max_length=10, choices=ReviewState, blank=True, default=ReviewState.NONE
    )
    # Maker-checker: a decision (approve or void) is proposed by one officer and applied
    # when a second one makes the same decision.
    proposed_decision = models.CharField(max_length=10, blank=True)
    proposed_reason = models.CharField(max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.CharField(max_length=300, blank=True)
    earned_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payout_method = models.CharField(max_length=12, choices=PayoutMethod, blank=True)
    payment = models.OneToOneField(
        "repayments.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bank_account = models.ForeignKey(
        "accounts.BankAccount", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    journal_entry = models.OneToOneField(
        "loans.JournalEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("review_reward", "Can approve or void referral rewards"),
            ("pay_reward", "Can run the referral reward payout"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="reward_amount_positive")
        ]

    def __str__(self):
        return f"Reward {self.pk} ({self.status})"

    @transition(field=status, source=RewardStatus.PENDING, target=RewardStatus.EARNED)
    def earn(self):
        pass

    @transition(field=status, source=RewardStatus.EARNED, target=RewardStatus.PAID)
    def pay(self):
        pass

    @transition(
        field=status, source=[RewardStatus.PENDING, RewardStatus.EARNED], target=RewardStatus.VOID
    )
    def void(self):
        pass
