"""Pure loan schedule engine: Decimal only, no database, no Django, no float.

Rules and choices: docs/schedules.md.
"""

from .apr import apr, irr_periodic
from .dates import add_months, due_dates
from .engine import Installment, Schedule, build_schedule, equated_installment, periodic_rate
from .errors import ScheduleError
from .rounding import ROUNDING_MODES, interest_for_days, round_money
from .terms import PERIODS_PER_YEAR, ScheduleTerms

__all__ = [
    "PERIODS_PER_YEAR",
    "ROUNDING_MODES",
    "Installment",
    "Schedule",
    "ScheduleError",
    "ScheduleTerms",
    "add_months",
    "apr",
    "build_schedule",
    "due_dates",
    "equated_installment",
    "interest_for_days",
    "irr_periodic",
    "periodic_rate",
    "round_money",
]
