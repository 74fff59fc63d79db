"""Bank account verifiers ("penny drop" / account validation). `BANK_ACCOUNT_VERIFIER` names
the class; `bank_verifier()` gives an instance. A verifier says whether the account exists
and can take a credit, and the name the bank holds for it; whether that name is the
borrower's is decided by accounts.banking.names_match, never by the provider.

A real provider's class (Razorpay Fund Account Validation, Cashfree, Decentro...) implements
the same `verify` and is set in the environment; none is wired in yet.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class VerifierResult:
    # "valid": the bank answered with the holder's name; "invalid": the bank says no such
    # account (or it cannot take credits); "unavailable": no answer, try again or verify
    # from documents.
    outcome: str
    name_at_bank: str = ""
    reference: str = ""
    reason: str = ""


class SandboxVerifier:
    """For development, tests and the demo: answers at once and never calls anyone.

    - account number 000111222333: the bank says it does not exist (a failed check);
    - account number 999888777666: the bank holds it in another name ("ANOTHER PERSON");
    - any other number: valid, in the holder name that was entered.
    """

    name = "sandbox"
    INVALID_ACCOUNT = "000111222333"
    OTHER_NAME_ACCOUNT = "999888777666"
    OTHER_NAME = "ANOTHER PERSON"

    def verify(self, *, account_number: str, ifsc: str, holder_name: str) -> VerifierResult:
        reference = f"SANDBOX-{ifsc}-{account_number[-4:]}"
        if account_number == self.INVALID_ACCOUNT:
            return VerifierResult(
                "invalid", reference=reference, reason="The bank says this account does not exist."
            )
        if account_number == self.OTHER_NAME_ACCOUNT:
            return VerifierResult("valid", name_at_bank=self.OTHER_NAME, reference=reference)
        return VerifierResult("valid", name_at_bank=holder_name.upper(), reference=reference)


class UnconfiguredVerifier:
    """Production's default until a provider is configured: no automatic check, so every
    account waits for an officer to verify it from a cancelled cheque or a statement."""

    name = "unconfigured"

    def verify(self, *, account_number: str, ifsc: str, holder_name: str) -> VerifierResult:
        return VerifierResult(
            "unavailable",
            reason="No automatic account check is configured; an officer will verify it.",
        )


def bank_verifier():
    return import_string(settings.BANK_ACCOUNT_VERIFIER)()
