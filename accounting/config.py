"""The lender's settings for the books, read at call time (tests override them)."""

from django.conf import settings

from accounting.rules import Periods, Rate, parse_rates, periods_from


def iracp_periods() -> Periods:
    return periods_from(settings.IRACP_PERIODS)


def provision_rates() -> dict[str, Rate]:
    return parse_rates(settings.PROVISION_RATES)
