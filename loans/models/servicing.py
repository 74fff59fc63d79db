"""Servicing when loans go wrong (docs/servicing.md): a proposal that a second person
approves (maker-checker) for a write-off or a one-time settlement, and what an approval
creates. Written only by repayments.services.servicing."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

from loans.models.loans import Loan
from loans.models.products import MONEY

ZERO = Decimal("0.00")


class ProposalKind(models.TextChoices):
    WRITE_OFF = "write_off", "Write-off"
    SETTLEMENT = "settlement", "One-time settlement"
    RESTRUCTURE = "restructure", "Restructure"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Proposal(models.Model):
    """One distress action on a loan, proposed by one person and decided by another. The
    action's own terms are in `terms` (validated by the service of its kind)."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=12, choices=ProposalKind)
    status = FSMField(default=ProposalStatus.PROPOSED, choices=ProposalStatus, protected=True)
    terms = models.JSONField(default=dict)
    reason = models.CharField(max_length=300)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("approve_proposal", "Can approve or reject servicing proposals")]
        constraints = [
            # One open proposal of a kind per loan: two write-offs cannot race to approval.
            models.UniqueConstraint(
                fields=["loan", "kind"],
                condition=models.Q(status="proposed"),
                name="proposal_one_open_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} proposal {self.pk} for loan #{self.loan_id}"

    @transition(field=status, source=ProposalStatus.PROPOSED, target=ProposalStatus.APPROVED)
    def approve(self):
        pass

    @transition(field=status, source=ProposalStatus.PROPOSED, target=ProposalStatus.REJECTED)
    def reject(self):
        pass


class WriteOffKind(models.TextChoices):
    # RBI, Framework for Compromise Settlements and Technical Write-offs (8 Jun 2023):
    # a technical write-off is for accounting only, "without involving any waiver of claim".
    TECHNICAL = "technical", "Technical (claim kept and pursued)"
    FULL = "full", "Full (claim given up)"


class WriteOff(models.Model):
    """A loan's write-off: what the books took off (the claim at that date, per part) and
    what has been recovered against it since."""

    loan = models.OneToOneField(Loan, on_delete=models.PROTECT, related_name="write_off_record")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=WriteOffKind)
    written_off_on = models.DateField()
    principal = models.DecimalField(**MONEY)
    interest = models.DecimalField(**MONEY)
    penal = models.DecimalField(**MONEY)
    fees = models.DecimalField(**MONEY)
    recovered_principal = models.DecimalField(**MONEY, default=ZERO)
    recovered_interest = models.DecimalField(**MONEY, default=ZERO)
    recovered_penal = models.DecimalField(**MONEY, default=ZERO)
    recovered_fees = models.DecimalField(**MONEY, default=ZERO)
    journal_entry = models.ForeignKey(
        "loans.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "write-off"  # not Django's "write off"

    def __str__(self):
        return f"Write-off of loan #{self.loan_id}"

    @property
    def claim(self) -> Decimal:
        return self.principal + self.interest + self.penal + self.fees

    @property
    def recovered(self) -> Decimal:
        return (
            self.recovered_principal
            + self.recovered_interest
            + self.recovered_penal
            + self.recovered_fees
        )

    @property
    def claim_outstanding(self) -> Decimal:
        return self.claim - self.recovered


class SettlementStatus(models.TextChoices):
    IN_FORCE = "in_force", "In force"
    PAID = "paid", "Paid (loan settled)"
    BROKEN = "broken", "Broken (installment missed)"
    SUPERSEDED = "superseded", "Superseded (loan paid in full)"


class Settlement(models.Model):
    """A one-time settlement: the borrower pays `amount` (below the dues) by its
    installments; payments still reduce the loan's own dues as any payment does, and count
    towards the settlement too. Paid: the rest is waived and the loan is `settled`."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="settlements")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=12, choices=SettlementStatus, default=SettlementStatus.IN_FORCE
    )
    amount = models.DecimalField(**MONEY)
    dues_at_approval = models.DecimalField(**MONEY)
    grace_days = models.PositiveSmallIntegerField()
    approved_on = models.DateField()
    # Payments count towards the settlement when posted after its approval: their ids are
    # above this one (the loan's last payment id at approval).
    payments_after_id = models.PositiveBigIntegerField(default=0)
    paid = models.DecimalField(**MONEY, default=ZERO)
    ended_on = models.DateField(null=True, blank=True)
    waived_principal = models.DecimalField(**MONEY, default=ZERO)
    waived_interest = models.DecimalField(**MONEY, default=ZERO)
    waived_charges = models.DecimalField(**MONEY, default=ZERO)
    # The waiver's entry is the journal entry with reference "settlement:<id>".

    class Meta:
        ordering = ["-approved_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan"],
                condition=models.Q(status="in_force"),
                name="settlement_one_in_force",
            )
        ]

    def __str__(self):
        return f"Settlement {self.pk} of loan #{self.loan_id}"


class SettlementInstallment(models.Model):
    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, related_name="installments"
    )
    number = models.PositiveSmallIntegerField()
    due_date = models.DateField()
    amount = models.DecimalField(**MONEY)
    paid = models.DecimalField(**MONEY, default=ZERO)

    class Meta:
        ordering = ["settlement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "number"], name="settlement_installment_number"
            )
        ]

    def __str__(self):
        return f"Installment {self.number} of settlement {self.settlement_id}"


class RescheduleKind(models.TextChoices):
    RESTRUCTURE = "restructure", "Restructure"
    MORATORIUM = "moratorium", "Moratorium (payment holiday)"


class RescheduleStatus(models.TextChoices):
    AWAITING_BORROWER = "awaiting_borrower", "Awaiting the borrower's acceptance"
    APPLIED = "applied", "Applied"
    LAPSED = "lapsed", "Lapsed (not accepted)"


class Reschedule(models.Model):
    """A change to a loan's schedule from a date (a restructure or a moratorium). Once
    applied it is the loan's new base: the replay of later history starts from
    `base_rows` (the rows as the change left them) with the schedule terms below, and
    history before it is closed (docs/servicing.md, "Why a reschedule closes history")."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="reschedules")
    kind = models.CharField(max_length=12, choices=RescheduleKind)
    status = models.CharField(max_length=20, choices=RescheduleStatus)
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moratorium = models.ForeignKey(
        "loans.Moratorium", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField()
    # The schedule terms of the new base: the new rows are due monthly from `anchor`.
    anchor = models.DateField()
    annual_rate = models.DecimalField(max_digits=7, decimal_places=4)
    tenure = models.PositiveSmallIntegerField()
    principal_total = models.DecimalField(**MONEY)
    capitalised = models.DecimalField(**MONEY, default=ZERO)
    holiday_interest = models.DecimalField(**MONEY, default=ZERO)
    apr = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    before_rows = models.JSONField(default=list)
    base_rows = models.JSONField(default=list)
    payments_after_id = models.PositiveBigIntegerField(default=0)
    charges_after_id = models.PositiveBigIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} of loan #{self.loan_id}"


class Moratorium(models.Model):
    """A payment holiday for a set of loans (a portfolio action): `installments` deferred
    from the first due on or after `start`. Applied by one idempotent, resumable job."""

    name = models.CharField(max_length=120)
    start = models.DateField()
    installments = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_on = models.DateField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "moratoria"  # not Django's "moratoriums"
        permissions = [("apply_moratorium", "Can grant a moratorium to loans")]

    def __str__(self):
        return self.name


class MoratoriumLoanStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPLIED = "applied", "Applied"
    SKIPPED = "skipped", "Skipped"


class MoratoriumLoan(models.Model):
    moratorium = models.ForeignKey(Moratorium, on_delete=models.PROTECT, related_name="loans")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=MoratoriumLoanStatus, default=MoratoriumLoanStatus.PENDING
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["moratorium", "loan"]
        constraints = [
            models.UniqueConstraint(fields=["moratorium", "loan"], name="moratorium_loan_once")
        ]

    def __str__(self):
        return f"Loan #{self.loan_id} in {self.moratorium}"
