"""Restructure and moratorium (docs/servicing.md): a new schedule from a date. Both end
in `reschedule_apply` (apply), which writes the new rows, records them as the loan's new
base and audits the change. The restructure's terms and preview are in terms, its
proposal, approval and the borrower's acceptance in restructure."""

from repayments.services.servicing.reschedules.apply import (
    history_closed_check,
    reschedule_apply,
)
from repayments.services.servicing.reschedules.common import history_marks, rows_now
from repayments.services.servicing.reschedules.restructure import (
    loan_restructure_propose,
    restructure_accept,
)
from repayments.services.servicing.reschedules.terms import restructure_preview

__all__ = [
    "history_closed_check",
    "history_marks",
    "loan_restructure_propose",
    "reschedule_apply",
    "restructure_accept",
    "restructure_preview",
    "rows_now",
]
