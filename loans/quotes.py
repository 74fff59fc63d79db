"""A quote: terms → schedule, charges and APR. Pure (no database): the quote API, the
calculator page, the KFS at approval and the schedule at disbursement all come from here,
so what the borrower was shown is what the loan becomes."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from loans.fees import ProcessingFee, processing_fee
from loans.schedule import Schedule, ScheduleTerms, apr, build_schedule

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Quote:
    schedule: Schedule
    fee: ProcessingFee
    other_upfront: Decimal = ZERO

    @property
    def terms(self) -> ScheduleTerms:
        return self.schedule.terms

    @property
    def principal(self) -> Decimal:
        return self.terms.principal

    @property
    def total_charges(self) -> Decimal:
        return self.fee.total + self.other_upfront

    @property
    def net_disbursed(self) -> Decimal:
        return self.principal - self.total_charges

    @property
    def apr(self) -> Decimal:
        return apr(self.net_disbursed, self.schedule)

    @property
    def installment_amount(self) -> Decimal:
        return self.schedule.installment_amount

    @property
    def total_interest(self) -> Decimal:
        return self.schedule.total_interest

    @property
    def total_payable(self) -> Decimal:
        return self.schedule.total_payable

    def as_dict(self) -> dict:
        """The API.md quote shape (money as strings with 2 decimals)."""
        return {
            "principal": str(self.principal),
            "annual_rate": str(self.terms.annual_rate.quantize(Decimal("0.0001"))),
            "tenure": self.terms.tenure,
            "installment_amount": str(self.installment_amount),
            "total_interest": str(self.total_interest),
            "total_payable": str(self.total_payable),
            "processing_fee": str(self.fee.total),
            "total_charges": str(self.total_charges),
            "apr": str(self.apr),
            "net_disbursed": str(self.net_disbursed),
            "schedule": [
                {
                    "number": row.number,
                    "due_date": row.due_date.isoformat(),
                    "principal": str(row.principal),
                    "interest": str(row.interest),
                    "total": str(row.total),
                    "balance": str(row.balance),
                }
                for row in self.schedule.installments
            ],
        }


def quote_build(
    *,
    principal: Decimal,
    annual_rate: Decimal,
    tenure: int,
    disbursement_date: date,
    interest_method: str = "declining",
    amortization: str = "equal_installments",
    interest_period: str = "same_as_repayment",
    frequency: str = "monthly",
    installment_multiple: Decimal = Decimal("0.01"),
    rounding: str = "half_even",
    grace_on_principal: int = 0,
    fee: ProcessingFee | None = None,
) -> Quote:
    terms = ScheduleTerms(
        principal=principal,
        annual_rate=annual_rate,
        tenure=tenure,
        disbursement_date=disbursement_date,
        interest_method=interest_method,
        amortization=amortization,
        interest_period=interest_period,
        frequency=frequency,
        installment_multiple=Decimal(installment_multiple),
        rounding=rounding,
        grace_on_principal=grace_on_principal,
    )
    return quote_of(terms, fee=fee)


def quote_of(terms: ScheduleTerms, *, fee: ProcessingFee | None = None) -> Quote:
    return Quote(schedule=build_schedule(terms), fee=fee or ProcessingFee(ZERO, ZERO))


def quote_for_product(
    *,
    product,
    principal: Decimal,
    tenure: int,
    annual_rate: Decimal | None,
    disbursement_date: date,
) -> Quote:
    """A quote on a product's terms and charges (rate defaults to the product's)."""
    rate = product.default_rate if annual_rate is None else annual_rate
    fee = processing_fee(
        amount=principal,
        percent=product.processing_fee_percent,
        flat=product.processing_fee_flat,
        gst_percent=product.gst_percent,
        rounding=product.rounding,
    )
    terms = ScheduleTerms.from_terms(
        product,
        principal=principal,
        annual_rate=rate,
        tenure=tenure,
        disbursement_date=disbursement_date,
    )
    return quote_of(terms, fee=fee)
