"""Contains all the data models used in inputs/outputs"""

from .accept_request import AcceptRequest
from .accepted import Accepted
from .allocation import Allocation
from .allocation_strategy_enum import AllocationStrategyEnum
from .application import Application
from .application_create_request import ApplicationCreateRequest
from .application_status_enum import ApplicationStatusEnum
from .applications_list_status import ApplicationsListStatus
from .approve_request import ApproveRequest
from .bank_account import BankAccount
from .bank_account_create_request import BankAccountCreateRequest
from .bank_account_status_enum import BankAccountStatusEnum
from .bank_account_verify_request import BankAccountVerifyRequest
from .bank_accounts_list_status import BankAccountsListStatus
from .blank_enum import BlankEnum
from .case import Case
from .case_detail import CaseDetail
from .case_status_enum import CaseStatusEnum
from .charge import Charge
from .charge_status_enum import ChargeStatusEnum
from .charges_list_kind import ChargesListKind
from .charges_list_status import ChargesListStatus
from .collection_cases_list_status import CollectionCasesListStatus
from .collection_runs_list_status import CollectionRunsListStatus
from .contact import Contact
from .contact_channel_enum import ContactChannelEnum
from .contact_create_request import ContactCreateRequest
from .cooling_off_quote import CoolingOffQuote
from .day_end_run import DayEndRun
from .day_end_run_status_enum import DayEndRunStatusEnum
from .decision import Decision
from .decision_account import DecisionAccount
from .decision_offer import DecisionOffer
from .detail import Detail
from .disburse_request import DisburseRequest
from .doc_type_enum import DocTypeEnum
from .email_request import EmailRequest
from .email_token_obtain_pair_request import EmailTokenObtainPairRequest
from .email_verified import EmailVerified
from .employment_type_enum import EmploymentTypeEnum
from .exit_amount import ExitAmount
from .exit_request import ExitRequest
from .exit_status_enum import ExitStatusEnum
from .foreclosure_quote import ForeclosureQuote
from .hit import Hit
from .hit_status_enum import HitStatusEnum
from .installment import Installment
from .installment_status_enum import InstallmentStatusEnum
from .kfs import Kfs
from .kind_enum import KindEnum
from .kyc_document import KycDocument
from .kyc_document_status_enum import KycDocumentStatusEnum
from .kyc_documents_list_doc_type import KycDocumentsListDocType
from .kyc_documents_list_status import KycDocumentsListStatus
from .kyc_reject_request import KycRejectRequest
from .kyc_upload_request import KycUploadRequest
from .loan import Loan
from .loan_after import LoanAfter
from .loan_status_enum import LoanStatusEnum
from .loans_list_status import LoansListStatus
from .loans_statement_format import LoansStatementFormat
from .me import Me
from .me_bank_accounts_list_status import MeBankAccountsListStatus
from .me_kyc_documents_list_doc_type import MeKycDocumentsListDocType
from .me_kyc_documents_list_status import MeKycDocumentsListStatus
from .outcome_enum import OutcomeEnum
from .override import Override
from .override_input_request import OverrideInputRequest
from .paginated_application_list import PaginatedApplicationList
from .paginated_bank_account_list import PaginatedBankAccountList
from .paginated_case_list import PaginatedCaseList
from .paginated_charge_list import PaginatedChargeList
from .paginated_contact_list import PaginatedContactList
from .paginated_day_end_run_list import PaginatedDayEndRunList
from .paginated_exit_request_list import PaginatedExitRequestList
from .paginated_hit_list import PaginatedHitList
from .paginated_installment_list import PaginatedInstallmentList
from .paginated_kyc_document_list import PaginatedKycDocumentList
from .paginated_loan_list import PaginatedLoanList
from .paginated_payment_list import PaginatedPaymentList
from .paginated_product_list import PaginatedProductList
from .paginated_promise_list import PaginatedPromiseList
from .paginated_waiver_list import PaginatedWaiverList
from .password_reset_confirm_request import PasswordResetConfirmRequest
from .patched_application_update_request import PatchedApplicationUpdateRequest
from .patched_loan_update_request import PatchedLoanUpdateRequest
from .patched_product_request import PatchedProductRequest
from .patched_profile_update_request import PatchedProfileUpdateRequest
from .payment import Payment
from .payment_channel_enum import PaymentChannelEnum
from .payment_create_request import PaymentCreateRequest
from .payment_instructions import PaymentInstructions
from .payment_posted import PaymentPosted
from .payment_reverse_request import PaymentReverseRequest
from .payment_status_enum import PaymentStatusEnum
from .payments_list_channel import PaymentsListChannel
from .payments_list_source import PaymentsListSource
from .payments_list_status import PaymentsListStatus
from .payments_webhook_body import PaymentsWebhookBody
from .penal_charge_type_enum import PenalChargeTypeEnum
from .pending_promise import PendingPromise
from .prepayment_strategy_enum import PrepaymentStrategyEnum
from .problem import Problem
from .problem_code import ProblemCode
from .problem_errors import ProblemErrors
from .product import Product
from .product_amortization_enum import ProductAmortizationEnum
from .product_frequency_enum import ProductFrequencyEnum
from .product_installment_multiple_enum import ProductInstallmentMultipleEnum
from .product_interest_method_enum import ProductInterestMethodEnum
from .product_interest_period_enum import ProductInterestPeriodEnum
from .product_request import ProductRequest
from .product_rounding_enum import ProductRoundingEnum
from .products_list_interest_method import ProductsListInterestMethod
from .profile import Profile
from .promise import Promise
from .promise_create_request import PromiseCreateRequest
from .promise_status_enum import PromiseStatusEnum
from .quote_amortization_enum import QuoteAmortizationEnum
from .quote_frequency_enum import QuoteFrequencyEnum
from .quote_installment_multiple_enum import QuoteInstallmentMultipleEnum
from .quote_interest_method_enum import QuoteInterestMethodEnum
from .quote_interest_period_enum import QuoteInterestPeriodEnum
from .quote_request import QuoteRequest
from .quote_result import QuoteResult
from .quote_rounding_enum import QuoteRoundingEnum
from .quote_row import QuoteRow
from .reason import Reason
from .reason_input_request import ReasonInputRequest
from .reauth_answer import ReauthAnswer
from .reauth_request import ReauthRequest
from .recommend_request import RecommendRequest
from .refresh_request import RefreshRequest
from .refund import Refund
from .refund_create_request import RefundCreateRequest
from .register_request import RegisterRequest
from .revealed_phone import RevealedPhone
from .reversal import Reversal
from .review_request import ReviewRequest
from .screening_hits_list_status import ScreeningHitsListStatus
from .source_enum import SourceEnum
from .token_refresh import TokenRefresh
from .token_refresh_request import TokenRefreshRequest
from .token_request import TokenRequest
from .waive_request import WaiveRequest
from .waiver import Waiver
from .waiver_charge import WaiverCharge
from .waiver_decision_request import WaiverDecisionRequest
from .waiver_reject_request import WaiverRejectRequest
from .waiver_status_enum import WaiverStatusEnum
from .waivers_list_status import WaiversListStatus

__all__ = (
    "Accepted",
    "AcceptRequest",
    "Allocation",
    "AllocationStrategyEnum",
    "Application",
    "ApplicationCreateRequest",
    "ApplicationsListStatus",
    "ApplicationStatusEnum",
    "ApproveRequest",
    "BankAccount",
    "BankAccountCreateRequest",
    "BankAccountsListStatus",
    "BankAccountStatusEnum",
    "BankAccountVerifyRequest",
    "BlankEnum",
    "Case",
    "CaseDetail",
    "CaseStatusEnum",
    "Charge",
    "ChargesListKind",
    "ChargesListStatus",
    "ChargeStatusEnum",
    "CollectionCasesListStatus",
    "CollectionRunsListStatus",
    "Contact",
    "ContactChannelEnum",
    "ContactCreateRequest",
    "CoolingOffQuote",
    "DayEndRun",
    "DayEndRunStatusEnum",
    "Decision",
    "DecisionAccount",
    "DecisionOffer",
    "Detail",
    "DisburseRequest",
    "DocTypeEnum",
    "EmailRequest",
    "EmailTokenObtainPairRequest",
    "EmailVerified",
    "EmploymentTypeEnum",
    "ExitAmount",
    "ExitRequest",
    "ExitStatusEnum",
    "ForeclosureQuote",
    "Hit",
    "HitStatusEnum",
    "Installment",
    "InstallmentStatusEnum",
    "Kfs",
    "KindEnum",
    "KycDocument",
    "KycDocumentsListDocType",
    "KycDocumentsListStatus",
    "KycDocumentStatusEnum",
    "KycRejectRequest",
    "KycUploadRequest",
    "Loan",
    "LoanAfter",
    "LoansListStatus",
    "LoansStatementFormat",
    "LoanStatusEnum",
    "Me",
    "MeBankAccountsListStatus",
    "MeKycDocumentsListDocType",
    "MeKycDocumentsListStatus",
    "OutcomeEnum",
    "Override",
    "OverrideInputRequest",
    "PaginatedApplicationList",
    "PaginatedBankAccountList",
    "PaginatedCaseList",
    "PaginatedChargeList",
    "PaginatedContactList",
    "PaginatedDayEndRunList",
    "PaginatedExitRequestList",
    "PaginatedHitList",
    "PaginatedInstallmentList",
    "PaginatedKycDocumentList",
    "PaginatedLoanList",
    "PaginatedPaymentList",
    "PaginatedProductList",
    "PaginatedPromiseList",
    "PaginatedWaiverList",
    "PasswordResetConfirmRequest",
    "PatchedApplicationUpdateRequest",
    "PatchedLoanUpdateRequest",
    "PatchedProductRequest",
    "PatchedProfileUpdateRequest",
    "Payment",
    "PaymentChannelEnum",
    "PaymentCreateRequest",
    "PaymentInstructions",
    "PaymentPosted",
    "PaymentReverseRequest",
    "PaymentsListChannel",
    "PaymentsListSource",
    "PaymentsListStatus",
    "PaymentStatusEnum",
    "PaymentsWebhookBody",
    "PenalChargeTypeEnum",
    "PendingPromise",
    "PrepaymentStrategyEnum",
    "Problem",
    "ProblemCode",
    "ProblemErrors",
    "Product",
    "ProductAmortizationEnum",
    "ProductFrequencyEnum",
    "ProductInstallmentMultipleEnum",
    "ProductInterestMethodEnum",
    "ProductInterestPeriodEnum",
    "ProductRequest",
    "ProductRoundingEnum",
    "ProductsListInterestMethod",
    "Profile",
    "Promise",
    "PromiseCreateRequest",
    "PromiseStatusEnum",
    "QuoteAmortizationEnum",
    "QuoteFrequencyEnum",
    "QuoteInstallmentMultipleEnum",
    "QuoteInterestMethodEnum",
    "QuoteInterestPeriodEnum",
    "QuoteRequest",
    "QuoteResult",
    "QuoteRoundingEnum",
    "QuoteRow",
    "Reason",
    "ReasonInputRequest",
    "ReauthAnswer",
    "ReauthRequest",
    "RecommendRequest",
    "RefreshRequest",
    "Refund",
    "RefundCreateRequest",
    "RegisterRequest",
    "RevealedPhone",
    "Reversal",
    "ReviewRequest",
    "ScreeningHitsListStatus",
    "SourceEnum",
    "TokenRefresh",
    "TokenRefreshRequest",
    "TokenRequest",
    "Waiver",
    "WaiverCharge",
    "WaiverDecisionRequest",
    "WaiveRequest",
    "WaiverRejectRequest",
    "WaiversListStatus",
    "WaiverStatusEnum",
)
