from loans.models.applications import ApplicationStatus, Consent, LoanApplication
from loans.models.ledger import JournalEntry, JournalLine, LedgerAccount
from loans.models.loans import Installment, InstallmentStatus, Loan, LoanStatus
from loans.models.products import LoanProduct
from loans.models.servicing import (
    Proposal,
    ProposalKind,
    ProposalStatus,
    Settlement,
    SettlementInstallment,
    SettlementStatus,
    WriteOff,
    WriteOffKind,
)

__all__ = [
    "ApplicationStatus",
    "Consent",
    "Installment",
    "InstallmentStatus",
    "JournalEntry",
    "JournalLine",
    "LedgerAccount",
    "Loan",
    "LoanApplication",
    "LoanProduct",
    "LoanStatus",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "Settlement",
    "SettlementInstallment",
    "SettlementStatus",
    "WriteOff",
    "WriteOffKind",
]
