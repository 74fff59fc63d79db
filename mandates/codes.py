"""Reason codes: why a mandate was rejected, why a debit bounced, why an officer or the
borrower paused or cancelled (docs/mandates.md lists them and where they come from).

Pure data and rules, no database: what each bounce code means for what happens next.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class BounceRule:
    label: str
    # Worth presenting again: the money may be there next time (insufficient balance).
    retry: bool
    # The account or the mandate is gone: stop debiting it at all (the mandate is cancelled).
    ends_mandate: bool


# NPCI NACH debit return reason codes, as banks publish them to their corporate users.
BOUNCE_CODES: dict[str, BounceRule] = {
    "01": BounceRule("Account closed or transferred", retry=False, ends_mandate=True),
    "02": BounceRule("No such account", retry=False, ends_mandate=True),
    "03": BounceRule("Account description does not tally", retry=False, ends_mandate=False),
    "04": BounceRule("Balance insufficient", retry=True, ends_mandate=False),
    "05": BounceRule("Not arranged for", retry=True, ends_mandate=False),
    "06": BounceRule("Payment stopped by drawer", retry=False, ends_mandate=True),
    "07": BounceRule(
        "Payment stopped under court order / account under litigation",
        retry=False,
        ends_mandate=True,
    ),
}

# NPCI e-mandate / NACH registration rejection codes (the destination bank's answer).
REJECT_CODES: dict[str, str] = {
    "AP01": "Account blocked",
    "AP02": "Account closed",
    "AP03": "Account frozen",
    "AP04": "Account inoperative",
    "AP05": "No such account",
    "AP08": "Account holder name mismatch",
    "AP30": "Rejected by the customer at the bank",
}

# Ours (not NPCI's): why a mandate was paused or cancelled on our side.
PAUSE_CODES: dict[str, str] = {
    "moratorium": "Payment holiday (moratorium)",
    "restructure": "Loan being restructured",
    "dispute": "Borrower dispute under review",
    "officer": "Paused by an officer",
}
CANCEL_CODES: dict[str, str] = {
    "borrower_request": "Cancelled at the borrower's request",
    "loan_closed": "The loan is closed",
    "account_closed": "The bank reported the account closed or gone",
    "officer": "Cancelled by an officer",
}


def bounce_rule(code: str) -> BounceRule | None:
    return BOUNCE_CODES.get(code)


def representation_due(*, code: str, attempt: int, max_representations: int) -> bool:
    """Present again after a bounce? Only for a code worth retrying, and at most
    `max_representations` times after the first presentation (attempt 1)."""
    rule = BOUNCE_CODES.get(code)
    return bool(rule and rule.retry and attempt <= max_representations)
