from loans.models.applications import ApplicationStatus, Consent, LoanApplication
from loans.models.ledger import JournalEntry, JournalLine, LedgerAccount
from loans.models.loans import Installment, InstallmentStatus, Loan, LoanStatus
from loans.models.products import LoanProduct
from loans.models.servicing import (
    Moratorium,
    MoratoriumLoan,
    MoratoriumLoanStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Reschedule,
    RescheduleKind,
    RescheduleStatus,
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
    "Moratorium",
    "MoratoriumLoan",
    "MoratoriumLoanStatus",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "Reschedule",
    "RescheduleKind",
    "RescheduleStatus",
    "Settlement",
    "SettlementInstallment",
    "SettlementStatus",
    "WriteOff",
    "WriteOffKind",
]
