"""Money and rates in the API: one field, one rule (docs/api.md "Input rules"); the rule
itself is lendingsite.money.amount_parse, shared with every other place money is read.

A decimal arrives as a JSON string of ASCII digits with an optional fractional part,
"150000" or "150000.50" (a JSON integer is taken too, it is exact; a leading "-" is read so
the range rules can say what is wrong with it). Everything else Python's Decimal would
also read is refused: exponents ("1e5" is ₹1,00,000.00), surrounding or inner blanks,
"+", grouping commas, other scripts' digits ("१००") and JSON floats, whose
value is whatever the client's float happened to be. The borrower pages read people's
own way of writing amounts ("2,00,000", "₹ 50,000") in loans.forms.AmountField, which
applies this same rule with thousands separators allowed.
"""

import copy

from rest_framework import serializers

from lendingsite.money import AmountInvalid, amount_parse

# DESIGN §2: money is DecimalField(14, 2), rates DecimalField(7, 4), as the models store them.
MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 7, "decimal_places": 4}
FORMAT_MESSAGE = (
    'Write the number as digits with an optional decimal point, like "1500" or "1500.50".'
)


class StrictDecimalField(serializers.DecimalField):
    """serializers.DecimalField that only reads plain decimals (module docstring): the text
    rule is lendingsite.money.amount_parse; DRF's own messages say what is out of range."""

    default_error_messages = {"format": FORMAT_MESSAGE}

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool):
            data = str(data)
        try:
            # A leading "-" is read, so a negative amount gets the field's own range message
            # ("must be at least ₹1") rather than a format one.
            amount_parse(
                data,
                digits=self.max_digits or 100,
                places=self.decimal_places if self.decimal_places is not None else 100,
                signed=True,
            )
        except AmountInvalid as exc:
            # Too many places or digits: DRF's own validation below says so in its words.
            if exc.kind == "format":
                self.fail("format")
        return super().to_internal_value(data)


def MoneyField(**kwargs) -> StrictDecimalField:
    """Rupees and paise, as the models store them (14 digits, 2 places)."""
    return StrictDecimalField(**{**MONEY, **kwargs})


def RateField(**kwargs) -> StrictDecimalField:
    """Percent per year (7 digits, 4 places)."""
    return StrictDecimalField(**{**RATE, **kwargs})


# For a serializer whose fields do not depend on the request or the instance (the hot
# read-only shapes: a loan, its schedule, a payment): DRF's ModelSerializer works its fields
# out from the model on every instantiation, about a tenth of a loan read's CPU
# (docs/benchmarks.md, "Load"). This works them out once per class and gives each instance
# its own copy, as DRF itself does with the declared fields. (No docstring: the OpenAPI
# schema would take it as the description of every serializer without one.)
class FieldsOnceMixin:
    def get_fields(self):
        template = type(self).__dict__.get("_fields_template")
        if template is None:
            template = super().get_fields()
            type(self)._fields_template = template
        return copy.deepcopy(template)
