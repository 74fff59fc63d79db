"""Application lifecycle (DESIGN §4): create, submit (eligibility scoring), recommend,
approve / reject (maker-checker), withdraw, expire, accept (consent → loan account).

Split by stage: `rules` (permissions, states, product limits, eligibility score),
`lifecycle` (up to the credit decision), `rescore` (eligibility re-run when its inputs
change), `decision` (hard-stop override, approval) and `offer` (expiry, acceptance). Import
from here: every public name is re-exported.
"""

from loans.services.applications.decision import (
    application_approve,
    application_decision_view,
    application_hard_stops_override,
)
from loans.services.applications.lifecycle import (
    application_create,
    application_recommend,
    application_reject,
    application_submit,
    application_withdraw,
)
from loans.services.applications.offer import application_accept, applications_expire
from loans.services.applications.rescore import (
    application_figures_update,
    applications_rescore_for_borrower,
)
from loans.services.applications.rules import (
    CHANGE_PERM,
    CREATE_FOR_OTHERS_PERM,
    DECIDE_PERM,
    VIEW_PERM,
    application_terms_validate,
    eligibility_score,
)

__all__ = [
    "CHANGE_PERM",
    "CREATE_FOR_OTHERS_PERM",
    "DECIDE_PERM",
    "VIEW_PERM",
    "application_accept",
    "application_approve",
    "application_create",
    "application_decision_view",
    "application_figures_update",
    "application_hard_stops_override",
    "application_recommend",
    "application_reject",
    "application_submit",
    "application_terms_validate",
    "application_withdraw",
    "applications_expire",
    "applications_rescore_for_borrower",
    "eligibility_score",
]
