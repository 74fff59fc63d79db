"""Application lifecycle (DESIGN §4): create, submit (eligibility scoring), recommend,
approve / reject (maker-checker), withdraw, expire, accept (consent → loan account).

Split by stage: `rules` (permissions, states, product limits, eligibility score),
`lifecycle` (up to the credit decision) and `offer` (approval, expiry, acceptance). Import
from here: every public name is re-exported.
"""

from loans.services.applications.lifecycle import (
    application_create,
    application_recommend,
    application_reject,
    application_submit,
    application_withdraw,
)
from loans.services.applications.offer import (
    application_accept,
    application_approve,
    applications_expire,
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
    "application_recommend",
    "application_reject",
    "application_submit",
    "application_terms_validate",
    "application_withdraw",
    "applications_expire",
    "eligibility_score",
]
