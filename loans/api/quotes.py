"""POST /api/v1/quotes/ (API.md "Quotes"): a stateless loan calculator.

Anonymous callers are welcome (no authentication at all, so no CSRF either) and throttled
per client by the "quotes" scope. The body is shape-checked here; what a quote on a product
may change and every schedule rule are loans.services.products.quote_compose's.
"""

import contextlib
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.urls import path
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lendingsite.api_fields import MoneyField, RateField
from lendingsite.dates import today_ist
from lendingsite.throttling import ScopedRateThrottle
from loans.models.products import (
    Amortization,
    Frequency,
    InstallmentMultiple,
    InterestMethod,
    InterestPeriod,
    Rounding,
)
from loans.services.products import (
    MAX_ANNUAL_RATE,
    MAX_TENURE,
    SCHEDULE_TERMS,
    products_for,
    quote_compose,
)

# Far wider than any real disbursement, narrow enough that 600 monthly due dates stay
# inside the calendar Python can represent.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)

PLAIN_MESSAGES = {
    "required": "This is required.",
    "null": "This is required.",
    "blank": "This is required.",
    "invalid": "Enter a valid value.",
    "min_value": "Must be at least {min_value}.",
    "max_value": "Must be at most {max_value}.",
    "max_digits": "This number is too large.",
    "max_whole_digits": "This number is too large.",
    "max_decimal_places": "Use at most {max_decimal_places} decimal places.",
    "max_string_length": "This number is too large.",
    "max_length": "Use at most {max_length} characters.",
}


def plain_messages(field: serializers.Field) -> None:
    """DRF's default messages, in plain words (only for the keys the field knows)."""
    for key, text in PLAIN_MESSAGES.items():
        if key in field.error_messages:
            field.error_messages[key] = text
    if isinstance(field, serializers.DecimalField | serializers.IntegerField):
        field.error_messages["invalid"] = "Enter a number."
    if isinstance(field, serializers.DateField):
        field.error_messages["invalid"] = "Enter a date as YYYY-MM-DD."
    if isinstance(field, serializers.ChoiceField):
        field.error_messages["invalid_choice"] = "Choose one of: " + ", ".join(field.choices) + "."
    # Range validators were built with their message already formatted; say it plainly.
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            validator.message = f"Must be at least {validator.limit_value}."
        elif isinstance(validator, MaxValueValidator):
            validator.message = f"Must be at most {validator.limit_value}."
        elif isinstance(validator, MaxLengthValidator):
            validator.message = f"Use at most {validator.limit_value} characters."


class MultipleField(serializers.ChoiceField):
    """ "0.01" or "1.00"; 1, "1" and 0.01 mean the same and are accepted."""

    def to_internal_value(self, data):
        if isinstance(data, int | float | str) and not isinstance(data, bool):
            # Not a number: the choice check below says what is allowed.
            with contextlib.suppress(InvalidOperation, ValueError):
                data = str(Decimal(str(data)).quantize(Decimal("0.01")))
        return super().to_internal_value(data)


class QuoteSerializer(serializers.Serializer):
    product = serializers.CharField(
        required=False, max_length=40, help_text="A product code; its terms and fee apply."
    )
    principal = MoneyField(min_value=Decimal("1.00"), help_text='e.g. "100000.00"')
    annual_rate = RateField(
        min_value=Decimal("0"),
        max_value=MAX_ANNUAL_RATE,
        required=False,
        help_text="Percent per year. Default: the product's; required without a product.",
    )
    tenure = serializers.IntegerField(
        min_value=1, max_value=MAX_TENURE, help_text="Number of installments."
    )
    interest_method = serializers.ChoiceField(choices=InterestMethod.values, required=False)
    amortization = serializers.ChoiceField(choices=Amortization.values, required=False)
    interest_period = serializers.ChoiceField(choices=InterestPeriod.values, required=False)
    frequency = serializers.ChoiceField(choices=Frequency.values, required=False)
    installment_multiple = MultipleField(choices=InstallmentMultiple.values, required=False)
    rounding = serializers.ChoiceField(choices=Rounding.values, required=False)
    grace_on_principal = serializers.IntegerField(
        min_value=0, max_value=MAX_TENURE - 1, required=False
    )
    processing_fee = MoneyField(
        min_value=Decimal("0"),
        required=False,
        help_text="Deducted at disbursement, taxes included. Default: the product's, else 0.",
    )
    disbursement_date = serializers.DateField(required=False, help_text="Default: today (IST).")

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            plain_messages(field)
        return fields

    def validate_product(self, code: str):
        user = self.context.get("user")
        product = products_for(user).filter(code=code).first()
        if product is None:
            raise serializers.ValidationError("No product open for quotes has this code.")
        return product

    def validate_disbursement_date(self, value: date) -> date:
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise serializers.ValidationError(
                f"Choose a date between {EARLIEST_DATE:%Y-%m-%d} and {LATEST_DATE:%Y-%m-%d}."
            )
        return value


class QuoteRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    due_date = serializers.DateField()
    principal = serializers.CharField()
    interest = serializers.CharField()
    total = serializers.CharField()
    balance = serializers.CharField(help_text="Principal still owed after this installment.")


class QuoteResultSerializer(serializers.Serializer):
    product = serializers.CharField(allow_null=True)
    disbursement_date = serializers.DateField()
    principal = serializers.CharField()
    annual_rate = serializers.CharField()
    tenure = serializers.IntegerField()
    interest_method = serializers.CharField()
    amortization = serializers.CharField()
    interest_period = serializers.CharField()
    frequency = serializers.CharField()
    installment_multiple = serializers.CharField()
    rounding = serializers.CharField()
    grace_on_principal = serializers.IntegerField()
    installment_amount = serializers.CharField()
    total_interest = serializers.CharField()
    total_payable = serializers.CharField()
    processing_fee = serializers.CharField()
    total_charges = serializers.CharField()
    apr = serializers.CharField(help_text="Annual percentage rate, 2 decimals (RBI KFS).")
    net_disbursed = serializers.CharField()
    schedule = QuoteRowSerializer(many=True)


def quote_answer(data: dict) -> dict:
    """Validated request fields → the quote in the API.md shape (used by the API only;
    the calculator page renders the Quote itself)."""
    product = data.get("product")
    disbursement_date = data.get("disbursement_date") or today_ist()
    quote = quote_compose(
        product=product,
        principal=data["principal"],
        tenure=data["tenure"],
        annual_rate=data.get("annual_rate"),
        processing_fee=data.get("processing_fee"),
        disbursement_date=disbursement_date,
        **{name: data[name] for name in SCHEDULE_TERMS if name in data},
    )
    terms = quote.terms
    return {
        "product": product.code if product else None,
        "disbursement_date": disbursement_date.isoformat(),
        "interest_method": terms.interest_method,
        "amortization": terms.amortization,
        "interest_period": terms.interest_period,
        "frequency": terms.frequency,
        "installment_multiple": str(terms.installment_multiple),
        "rounding": terms.rounding,
        "grace_on_principal": terms.grace_on_principal,
        **quote.as_dict(),
    }


class QuoteView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "quotes"

    @extend_schema(
        request=QuoteSerializer,
        responses={200: QuoteResultSerializer},
        examples=[
            OpenApiExample(
                "Explicit terms",
                value={"principal": "100000.00", "annual_rate": "12.0000", "tenure": 12},
                request_only=True,
            ),
            OpenApiExample(
                "On a product",
                value={"product": "personal-loan", "principal": "200000.00", "tenure": 24},
                request_only=True,
            ),
        ],
    )
    def post(self, request):
        """A quote: installment, totals, APR, net disbursed and the full schedule. Stateless:
        nothing is stored. Either `product` (code) or explicit terms with `annual_rate`."""
        incoming = QuoteSerializer(data=request.data, context={"user": request.user})
        incoming.is_valid(raise_exception=True)
        return Response(quote_answer(incoming.validated_data))


urlpatterns = [path("quotes/", QuoteView.as_view(), name="api-quotes")]
