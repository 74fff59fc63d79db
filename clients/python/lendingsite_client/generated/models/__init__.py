"""Contains all the data models used in inputs/outputs"""

from .accept_request import AcceptRequest
from .accepted import Accepted
from .allocation import Allocation
from .allocation_strategy_enum import AllocationStrategyEnum
from .api_key import ApiKey
from .api_key_create_request import ApiKeyCreateRequest
from .api_key_created import ApiKeyCreated
from .application import Application
from .application_create_request import ApplicationCreateRequest
from .application_status_enum import ApplicationStatusEnum
from .applications_list_status import ApplicationsListStatus
from .approve_request import ApproveRequest
from .assign_request import AssignRequest
from .attempt import Attempt
from .bank_account import BankAccount
from .bank_account_create_request import BankAccountCreateRequest
from .bank_account_status_enum import BankAccountStatusEnum
from .bank_account_verify_request import BankAccountVerifyRequest
from .bank_accounts_list_status import BankAccountsListStatus
from .blank_enum import BlankEnum
from .bureau_export import BureauExport
from .bureau_frequency_enum import BureauFrequencyEnum
from .bureau_issue import BureauIssue
from .bureau_issue_kind_enum import BureauIssueKindEnum
from .cancel_code_enum import CancelCodeEnum
from .cancel_request import CancelRequest
from .case import Case
from .case_detail import CaseDetail
from .case_status_enum import CaseStatusEnum
from .charge import Charge
from .charge_kind_enum import ChargeKindEnum
from .charge_status_enum import ChargeStatusEnum
from .charges_list_kind import ChargesListKind
from .charges_list_status import ChargesListStatus
from .class_summary import ClassSummary
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
from .decision_request import DecisionRequest
from .delivery import Delivery
from .delivery_detail import DeliveryDetail
from .detail import Detail
from .disburse_request import DisburseRequest
from .doc_type_enum import DocTypeEnum
from .earn_rule_enum import EarnRuleEnum
from .email_request import EmailRequest
from .email_token_obtain_pair_request import EmailTokenObtainPairRequest
from .email_verified import EmailVerified
from .employment_type_enum import EmploymentTypeEnum
from .event_types_enum import EventTypesEnum
from .exit_amount import ExitAmount
from .exit_request import ExitRequest
from .exit_status_enum import ExitStatusEnum
from .file_format_enum import FileFormatEnum
from .foreclosure_quote import ForeclosureQuote
from .hit import Hit
from .hit_status_enum import HitStatusEnum
from .installment import Installment
from .installment_status_enum import InstallmentStatusEnum
from .kfs import Kfs
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
from .mandate import Mandate
from .mandate_create_request import MandateCreateRequest
from .mandate_created import MandateCreated
from .mandate_frequency_enum import MandateFrequencyEnum
from .mandate_status_enum import MandateStatusEnum
from .mandates_webhook_body import MandatesWebhookBody
from .me import Me
from .me_bank_accounts_list_status import MeBankAccountsListStatus
from .me_kyc_documents_list_doc_type import MeKycDocumentsListDocType
from .me_kyc_documents_list_status import MeKycDocumentsListStatus
from .message import Message
from .message_post_request import MessagePostRequest
from .moratorium import Moratorium
from .moratorium_create_request import MoratoriumCreateRequest
from .my_referral import MyReferral
from .outcome_enum import OutcomeEnum
from .override import Override
from .override_input_request import OverrideInputRequest
from .paginated_api_key_list import PaginatedApiKeyList
from .paginated_application_list import PaginatedApplicationList
from .paginated_bank_account_list import PaginatedBankAccountList
from .paginated_bureau_export_list import PaginatedBureauExportList
from .paginated_case_list import PaginatedCaseList
from .paginated_charge_list import PaginatedChargeList
from .paginated_contact_list import PaginatedContactList
from .paginated_day_end_run_list import PaginatedDayEndRunList
from .paginated_delivery_list import PaginatedDeliveryList
from .paginated_exit_request_list import PaginatedExitRequestList
from .paginated_hit_list import PaginatedHitList
from .paginated_installment_list import PaginatedInstallmentList
from .paginated_kyc_document_list import PaginatedKycDocumentList
from .paginated_loan_list import PaginatedLoanList
from .paginated_mandate_list import PaginatedMandateList
from .paginated_message_list import PaginatedMessageList
from .paginated_moratorium_list import PaginatedMoratoriumList
from .paginated_my_referral_list import PaginatedMyReferralList
from .paginated_payment_list import PaginatedPaymentList
from .paginated_presentation_list import PaginatedPresentationList
from .paginated_product_list import PaginatedProductList
from .paginated_programme_list import PaginatedProgrammeList
from .paginated_promise_list import PaginatedPromiseList
from .paginated_proposal_list import PaginatedProposalList
from .paginated_reschedule_list import PaginatedRescheduleList
from .paginated_reward_list import PaginatedRewardList
from .paginated_statement_import_list import PaginatedStatementImportList
from .paginated_statement_line_list import PaginatedStatementLineList
from .paginated_thread_list import PaginatedThreadList
from .paginated_virtual_account_list import PaginatedVirtualAccountList
from .paginated_waiver_list import PaginatedWaiverList
from .paginated_webhook_endpoint_list import PaginatedWebhookEndpointList
from .password_reset_confirm_request import PasswordResetConfirmRequest
from .patched_application_update_request import PatchedApplicationUpdateRequest
from .patched_loan_update_request import PatchedLoanUpdateRequest
from .patched_product_request import PatchedProductRequest
from .patched_profile_update_request import PatchedProfileUpdateRequest
from .patched_programme_request import PatchedProgrammeRequest
from .patched_webhook_endpoint_update_request import PatchedWebhookEndpointUpdateRequest
from .pause_code_enum import PauseCodeEnum
from .pause_request import PauseRequest
from .pay_run import PayRun
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
from .payout_method_enum import PayoutMethodEnum
from .penal_charge_type_enum import PenalChargeTypeEnum
from .pending_promise import PendingPromise
from .prepayment_strategy_enum import PrepaymentStrategyEnum
from .presentation import Presentation
from .presentation_status_enum import PresentationStatusEnum
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
from .programme import Programme
from .programme_request import ProgrammeRequest
from .promise import Promise
from .promise_create_request import PromiseCreateRequest
from .promise_status_enum import PromiseStatusEnum
from .proposal import Proposal
from .proposal_decision_request import ProposalDecisionRequest
from .proposal_kind_enum import ProposalKindEnum
from .proposal_reject_request import ProposalRejectRequest
from .proposals_list_kind import ProposalsListKind
from .proposals_list_status import ProposalsListStatus
from .provision_detail import ProvisionDetail
from .provisions_page import ProvisionsPage
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
from .reason_request import ReasonRequest
from .reauth_answer import ReauthAnswer
from .reauth_request import ReauthRequest
from .recommend_request import RecommendRequest
from .referral_rewards_list_reason import ReferralRewardsListReason
from .referral_rewards_list_review_state import ReferralRewardsListReviewState
from .referral_rewards_list_status import ReferralRewardsListStatus
from .referral_rewards_report_retrieve_format import ReferralRewardsReportRetrieveFormat
from .refresh_request import RefreshRequest
from .refund import Refund
from .refund_create_request import RefundCreateRequest
from .refund_request import RefundRequest
from .register_request import RegisterRequest
from .rejection_upload_request import RejectionUploadRequest
from .replay_count import ReplayCount
from .replay_range_request import ReplayRangeRequest
from .report import Report
from .report_flagged_by_reason import ReportFlaggedByReason
from .report_request import ReportRequest
from .reports_retrieve_format import ReportsRetrieveFormat
from .reports_retrieve_name import ReportsRetrieveName
from .reports_retrieve_response_200 import ReportsRetrieveResponse200
from .reschedule import Reschedule
from .reschedule_kind_enum import RescheduleKindEnum
from .reschedule_row import RescheduleRow
from .reschedule_status_enum import RescheduleStatusEnum
from .restructure_propose_request import RestructureProposeRequest
from .revealed_phone import RevealedPhone
from .reversal import Reversal
from .review_request import ReviewRequest
from .review_state_enum import ReviewStateEnum
from .reward import Reward
from .reward_reasons_item import RewardReasonsItem
from .reward_status_enum import RewardStatusEnum
from .screening_hits_list_status import ScreeningHitsListStatus
from .secret import Secret
from .secret_rotate_request import SecretRotateRequest
from .settlement_installment_request import SettlementInstallmentRequest
from .settlement_propose_request import SettlementProposeRequest
from .source_enum import SourceEnum
from .statement_import import StatementImport
from .statement_line import StatementLine
from .statement_line_status_enum import StatementLineStatusEnum
from .statement_lines_list_status import StatementLinesListStatus
from .statement_match_kind_enum import StatementMatchKindEnum
from .statement_upload_request import StatementUploadRequest
from .test_event import TestEvent
from .thread import Thread
from .thread_open_request import ThreadOpenRequest
from .token_refresh import TokenRefresh
from .token_refresh_request import TokenRefreshRequest
from .token_request import TokenRequest
from .trial_balance import TrialBalance
from .trial_balance_account import TrialBalanceAccount
from .virtual_account import VirtualAccount
from .virtual_accounts_webhook_body import VirtualAccountsWebhookBody
from .void_request import VoidRequest
from .waive_request import WaiveRequest
from .waiver import Waiver
from .waiver_charge import WaiverCharge
from .waiver_decision_request import WaiverDecisionRequest
from .waiver_reject_request import WaiverRejectRequest
from .waiver_status_enum import WaiverStatusEnum
from .waivers_list_status import WaiversListStatus
from .webhook_delivery_status_enum import WebhookDeliveryStatusEnum
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_request import WebhookEndpointRequest
from .webhook_event_application_accepted import WebhookEventApplicationAccepted
from .webhook_event_application_accepted_data import WebhookEventApplicationAcceptedData
from .webhook_event_application_accepted_data_application import (
    WebhookEventApplicationAcceptedDataApplication,
)
from .webhook_event_application_accepted_type import WebhookEventApplicationAcceptedType
from .webhook_event_application_accepted_version import WebhookEventApplicationAcceptedVersion
from .webhook_event_application_approved import WebhookEventApplicationApproved
from .webhook_event_application_approved_data import WebhookEventApplicationApprovedData
from .webhook_event_application_approved_data_application import (
    WebhookEventApplicationApprovedDataApplication,
)
from .webhook_event_application_approved_data_offer import WebhookEventApplicationApprovedDataOffer
from .webhook_event_application_approved_type import WebhookEventApplicationApprovedType
from .webhook_event_application_approved_version import WebhookEventApplicationApprovedVersion
from .webhook_event_application_expired import WebhookEventApplicationExpired
from .webhook_event_application_expired_data import WebhookEventApplicationExpiredData
from .webhook_event_application_expired_data_application import (
    WebhookEventApplicationExpiredDataApplication,
)
from .webhook_event_application_expired_type import WebhookEventApplicationExpiredType
from .webhook_event_application_expired_version import WebhookEventApplicationExpiredVersion
from .webhook_event_application_rejected import WebhookEventApplicationRejected
from .webhook_event_application_rejected_data import WebhookEventApplicationRejectedData
from .webhook_event_application_rejected_data_application import (
    WebhookEventApplicationRejectedDataApplication,
)
from .webhook_event_application_rejected_type import WebhookEventApplicationRejectedType
from .webhook_event_application_rejected_version import WebhookEventApplicationRejectedVersion
from .webhook_event_application_submitted import WebhookEventApplicationSubmitted
from .webhook_event_application_submitted_data import WebhookEventApplicationSubmittedData
from .webhook_event_application_submitted_data_application import (
    WebhookEventApplicationSubmittedDataApplication,
)
from .webhook_event_application_submitted_type import WebhookEventApplicationSubmittedType
from .webhook_event_application_submitted_version import WebhookEventApplicationSubmittedVersion
from .webhook_event_application_withdrawn import WebhookEventApplicationWithdrawn
from .webhook_event_application_withdrawn_data import WebhookEventApplicationWithdrawnData
from .webhook_event_application_withdrawn_data_application import (
    WebhookEventApplicationWithdrawnDataApplication,
)
from .webhook_event_application_withdrawn_type import WebhookEventApplicationWithdrawnType
from .webhook_event_application_withdrawn_version import WebhookEventApplicationWithdrawnVersion
from .webhook_event_case_closed import WebhookEventCaseClosed
from .webhook_event_case_closed_data import WebhookEventCaseClosedData
from .webhook_event_case_closed_data_case import WebhookEventCaseClosedDataCase
from .webhook_event_case_closed_type import WebhookEventCaseClosedType
from .webhook_event_case_closed_version import WebhookEventCaseClosedVersion
from .webhook_event_case_opened import WebhookEventCaseOpened
from .webhook_event_case_opened_data import WebhookEventCaseOpenedData
from .webhook_event_case_opened_data_case import WebhookEventCaseOpenedDataCase
from .webhook_event_case_opened_type import WebhookEventCaseOpenedType
from .webhook_event_case_opened_version import WebhookEventCaseOpenedVersion
from .webhook_event_charge_levied import WebhookEventChargeLevied
from .webhook_event_charge_levied_data import WebhookEventChargeLeviedData
from .webhook_event_charge_levied_data_charge import WebhookEventChargeLeviedDataCharge
from .webhook_event_charge_levied_type import WebhookEventChargeLeviedType
from .webhook_event_charge_levied_version import WebhookEventChargeLeviedVersion
from .webhook_event_charge_waived import WebhookEventChargeWaived
from .webhook_event_charge_waived_data import WebhookEventChargeWaivedData
from .webhook_event_charge_waived_data_charge import WebhookEventChargeWaivedDataCharge
from .webhook_event_charge_waived_type import WebhookEventChargeWaivedType
from .webhook_event_charge_waived_version import WebhookEventChargeWaivedVersion
from .webhook_event_endpoint_test import WebhookEventEndpointTest
from .webhook_event_endpoint_test_data import WebhookEventEndpointTestData
from .webhook_event_endpoint_test_type import WebhookEventEndpointTestType
from .webhook_event_endpoint_test_version import WebhookEventEndpointTestVersion
from .webhook_event_loan_bucket_changed import WebhookEventLoanBucketChanged
from .webhook_event_loan_bucket_changed_data import WebhookEventLoanBucketChangedData
from .webhook_event_loan_bucket_changed_data_loan import WebhookEventLoanBucketChangedDataLoan
from .webhook_event_loan_bucket_changed_type import WebhookEventLoanBucketChangedType
from .webhook_event_loan_bucket_changed_version import WebhookEventLoanBucketChangedVersion
from .webhook_event_loan_cancelled import WebhookEventLoanCancelled
from .webhook_event_loan_cancelled_data import WebhookEventLoanCancelledData
from .webhook_event_loan_cancelled_data_loan import WebhookEventLoanCancelledDataLoan
from .webhook_event_loan_cancelled_type import WebhookEventLoanCancelledType
from .webhook_event_loan_cancelled_version import WebhookEventLoanCancelledVersion
from .webhook_event_loan_closed import WebhookEventLoanClosed
from .webhook_event_loan_closed_data import WebhookEventLoanClosedData
from .webhook_event_loan_closed_data_loan import WebhookEventLoanClosedDataLoan
from .webhook_event_loan_closed_type import WebhookEventLoanClosedType
from .webhook_event_loan_closed_version import WebhookEventLoanClosedVersion
from .webhook_event_loan_disbursed import WebhookEventLoanDisbursed
from .webhook_event_loan_disbursed_data import WebhookEventLoanDisbursedData
from .webhook_event_loan_disbursed_data_loan import WebhookEventLoanDisbursedDataLoan
from .webhook_event_loan_disbursed_type import WebhookEventLoanDisbursedType
from .webhook_event_loan_disbursed_version import WebhookEventLoanDisbursedVersion
from .webhook_event_loan_foreclosed import WebhookEventLoanForeclosed
from .webhook_event_loan_foreclosed_data import WebhookEventLoanForeclosedData
from .webhook_event_loan_foreclosed_data_loan import WebhookEventLoanForeclosedDataLoan
from .webhook_event_loan_foreclosed_type import WebhookEventLoanForeclosedType
from .webhook_event_loan_foreclosed_version import WebhookEventLoanForeclosedVersion
from .webhook_event_loan_settled import WebhookEventLoanSettled
from .webhook_event_loan_settled_data import WebhookEventLoanSettledData
from .webhook_event_loan_settled_data_loan import WebhookEventLoanSettledDataLoan
from .webhook_event_loan_settled_type import WebhookEventLoanSettledType
from .webhook_event_loan_settled_version import WebhookEventLoanSettledVersion
from .webhook_event_loan_written_off import WebhookEventLoanWrittenOff
from .webhook_event_loan_written_off_data import WebhookEventLoanWrittenOffData
from .webhook_event_loan_written_off_data_loan import WebhookEventLoanWrittenOffDataLoan
from .webhook_event_loan_written_off_type import WebhookEventLoanWrittenOffType
from .webhook_event_loan_written_off_version import WebhookEventLoanWrittenOffVersion
from .webhook_event_mandate_activated import WebhookEventMandateActivated
from .webhook_event_mandate_activated_data import WebhookEventMandateActivatedData
from .webhook_event_mandate_activated_data_mandate import WebhookEventMandateActivatedDataMandate
from .webhook_event_mandate_activated_type import WebhookEventMandateActivatedType
from .webhook_event_mandate_activated_version import WebhookEventMandateActivatedVersion
from .webhook_event_mandate_cancelled import WebhookEventMandateCancelled
from .webhook_event_mandate_cancelled_data import WebhookEventMandateCancelledData
from .webhook_event_mandate_cancelled_data_mandate import WebhookEventMandateCancelledDataMandate
from .webhook_event_mandate_cancelled_type import WebhookEventMandateCancelledType
from .webhook_event_mandate_cancelled_version import WebhookEventMandateCancelledVersion
from .webhook_event_mandate_paused import WebhookEventMandatePaused
from .webhook_event_mandate_paused_data import WebhookEventMandatePausedData
from .webhook_event_mandate_paused_data_mandate import WebhookEventMandatePausedDataMandate
from .webhook_event_mandate_paused_type import WebhookEventMandatePausedType
from .webhook_event_mandate_paused_version import WebhookEventMandatePausedVersion
from .webhook_event_mandate_rejected import WebhookEventMandateRejected
from .webhook_event_mandate_rejected_data import WebhookEventMandateRejectedData
from .webhook_event_mandate_rejected_data_mandate import WebhookEventMandateRejectedDataMandate
from .webhook_event_mandate_rejected_type import WebhookEventMandateRejectedType
from .webhook_event_mandate_rejected_version import WebhookEventMandateRejectedVersion
from .webhook_event_mandate_resumed import WebhookEventMandateResumed
from .webhook_event_mandate_resumed_data import WebhookEventMandateResumedData
from .webhook_event_mandate_resumed_data_mandate import WebhookEventMandateResumedDataMandate
from .webhook_event_mandate_resumed_type import WebhookEventMandateResumedType
from .webhook_event_mandate_resumed_version import WebhookEventMandateResumedVersion
from .webhook_event_payment_posted import WebhookEventPaymentPosted
from .webhook_event_payment_posted_data import WebhookEventPaymentPostedData
from .webhook_event_payment_posted_data_loan_after import WebhookEventPaymentPostedDataLoanAfter
from .webhook_event_payment_posted_data_payment import WebhookEventPaymentPostedDataPayment
from .webhook_event_payment_posted_data_payment_allocation import (
    WebhookEventPaymentPostedDataPaymentAllocation,
)
from .webhook_event_payment_posted_type import WebhookEventPaymentPostedType
from .webhook_event_payment_posted_version import WebhookEventPaymentPostedVersion
from .webhook_event_payment_reversed import WebhookEventPaymentReversed
from .webhook_event_payment_reversed_data import WebhookEventPaymentReversedData
from .webhook_event_payment_reversed_data_loan_after import WebhookEventPaymentReversedDataLoanAfter
from .webhook_event_payment_reversed_data_payment import WebhookEventPaymentReversedDataPayment
from .webhook_event_payment_reversed_type import WebhookEventPaymentReversedType
from .webhook_event_payment_reversed_version import WebhookEventPaymentReversedVersion
from .webhook_event_presentation_bounced import WebhookEventPresentationBounced
from .webhook_event_presentation_bounced_data import WebhookEventPresentationBouncedData
from .webhook_event_presentation_bounced_data_presentation import (
    WebhookEventPresentationBouncedDataPresentation,
)
from .webhook_event_presentation_bounced_type import WebhookEventPresentationBouncedType
from .webhook_event_presentation_bounced_version import WebhookEventPresentationBouncedVersion
from .webhook_event_presentation_debited import WebhookEventPresentationDebited
from .webhook_event_presentation_debited_data import WebhookEventPresentationDebitedData
from .webhook_event_presentation_debited_data_presentation import (
    WebhookEventPresentationDebitedDataPresentation,
)
from .webhook_event_presentation_debited_type import WebhookEventPresentationDebitedType
from .webhook_event_presentation_debited_version import WebhookEventPresentationDebitedVersion
from .webhook_event_promise_broken import WebhookEventPromiseBroken
from .webhook_event_promise_broken_data import WebhookEventPromiseBrokenData
from .webhook_event_promise_broken_data_promise import WebhookEventPromiseBrokenDataPromise
from .webhook_event_promise_broken_data_promise_status import (
    WebhookEventPromiseBrokenDataPromiseStatus,
)
from .webhook_event_promise_broken_type import WebhookEventPromiseBrokenType
from .webhook_event_promise_broken_version import WebhookEventPromiseBrokenVersion
from .webhook_event_promise_kept import WebhookEventPromiseKept
from .webhook_event_promise_kept_data import WebhookEventPromiseKeptData
from .webhook_event_promise_kept_data_promise import WebhookEventPromiseKeptDataPromise
from .webhook_event_promise_kept_data_promise_status import WebhookEventPromiseKeptDataPromiseStatus
from .webhook_event_promise_kept_type import WebhookEventPromiseKeptType
from .webhook_event_promise_kept_version import WebhookEventPromiseKeptVersion
from .write_off_kind_enum import WriteOffKindEnum
from .write_off_propose_request import WriteOffProposeRequest

__all__ = (
    "Accepted",
    "AcceptRequest",
    "Allocation",
    "AllocationStrategyEnum",
    "ApiKey",
    "ApiKeyCreated",
    "ApiKeyCreateRequest",
    "Application",
    "ApplicationCreateRequest",
    "ApplicationsListStatus",
    "ApplicationStatusEnum",
    "ApproveRequest",
    "AssignRequest",
    "Attempt",
    "BankAccount",
    "BankAccountCreateRequest",
    "BankAccountsListStatus",
    "BankAccountStatusEnum",
    "BankAccountVerifyRequest",
    "BlankEnum",
    "BureauExport",
    "BureauFrequencyEnum",
    "BureauIssue",
    "BureauIssueKindEnum",
    "CancelCodeEnum",
    "CancelRequest",
    "Case",
    "CaseDetail",
    "CaseStatusEnum",
    "Charge",
    "ChargeKindEnum",
    "ChargesListKind",
    "ChargesListStatus",
    "ChargeStatusEnum",
    "ClassSummary",
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
    "DecisionRequest",
    "Delivery",
    "DeliveryDetail",
    "Detail",
    "DisburseRequest",
    "DocTypeEnum",
    "EarnRuleEnum",
    "EmailRequest",
    "EmailTokenObtainPairRequest",
    "EmailVerified",
    "EmploymentTypeEnum",
    "EventTypesEnum",
    "ExitAmount",
    "ExitRequest",
    "ExitStatusEnum",
    "FileFormatEnum",
    "ForeclosureQuote",
    "Hit",
    "HitStatusEnum",
    "Installment",
    "InstallmentStatusEnum",
    "Kfs",
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
    "Mandate",
    "MandateCreated",
    "MandateCreateRequest",
    "MandateFrequencyEnum",
    "MandateStatusEnum",
    "MandatesWebhookBody",
    "Me",
    "MeBankAccountsListStatus",
    "MeKycDocumentsListDocType",
    "MeKycDocumentsListStatus",
    "Message",
    "MessagePostRequest",
    "Moratorium",
    "MoratoriumCreateRequest",
    "MyReferral",
    "OutcomeEnum",
    "Override",
    "OverrideInputRequest",
    "PaginatedApiKeyList",
    "PaginatedApplicationList",
    "PaginatedBankAccountList",
    "PaginatedBureauExportList",
    "PaginatedCaseList",
    "PaginatedChargeList",
    "PaginatedContactList",
    "PaginatedDayEndRunList",
    "PaginatedDeliveryList",
    "PaginatedExitRequestList",
    "PaginatedHitList",
    "PaginatedInstallmentList",
    "PaginatedKycDocumentList",
    "PaginatedLoanList",
    "PaginatedMandateList",
    "PaginatedMessageList",
    "PaginatedMoratoriumList",
    "PaginatedMyReferralList",
    "PaginatedPaymentList",
    "PaginatedPresentationList",
    "PaginatedProductList",
    "PaginatedProgrammeList",
    "PaginatedPromiseList",
    "PaginatedProposalList",
    "PaginatedRescheduleList",
    "PaginatedRewardList",
    "PaginatedStatementImportList",
    "PaginatedStatementLineList",
    "PaginatedThreadList",
    "PaginatedVirtualAccountList",
    "PaginatedWaiverList",
    "PaginatedWebhookEndpointList",
    "PasswordResetConfirmRequest",
    "PatchedApplicationUpdateRequest",
    "PatchedLoanUpdateRequest",
    "PatchedProductRequest",
    "PatchedProfileUpdateRequest",
    "PatchedProgrammeRequest",
    "PatchedWebhookEndpointUpdateRequest",
    "PauseCodeEnum",
    "PauseRequest",
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
    "PayoutMethodEnum",
    "PayRun",
    "PenalChargeTypeEnum",
    "PendingPromise",
    "PrepaymentStrategyEnum",
    "Presentation",
    "PresentationStatusEnum",
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
    "Programme",
    "ProgrammeRequest",
    "Promise",
    "PromiseCreateRequest",
    "PromiseStatusEnum",
    "Proposal",
    "ProposalDecisionRequest",
    "ProposalKindEnum",
    "ProposalRejectRequest",
    "ProposalsListKind",
    "ProposalsListStatus",
    "ProvisionDetail",
    "ProvisionsPage",
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
    "ReasonRequest",
    "ReauthAnswer",
    "ReauthRequest",
    "RecommendRequest",
    "ReferralRewardsListReason",
    "ReferralRewardsListReviewState",
    "ReferralRewardsListStatus",
    "ReferralRewardsReportRetrieveFormat",
    "RefreshRequest",
    "Refund",
    "RefundCreateRequest",
    "RefundRequest",
    "RegisterRequest",
    "RejectionUploadRequest",
    "ReplayCount",
    "ReplayRangeRequest",
    "Report",
    "ReportFlaggedByReason",
    "ReportRequest",
    "ReportsRetrieveFormat",
    "ReportsRetrieveName",
    "ReportsRetrieveResponse200",
    "Reschedule",
    "RescheduleKindEnum",
    "RescheduleRow",
    "RescheduleStatusEnum",
    "RestructureProposeRequest",
    "RevealedPhone",
    "Reversal",
    "ReviewRequest",
    "ReviewStateEnum",
    "Reward",
    "RewardReasonsItem",
    "RewardStatusEnum",
    "ScreeningHitsListStatus",
    "Secret",
    "SecretRotateRequest",
    "SettlementInstallmentRequest",
    "SettlementProposeRequest",
    "SourceEnum",
    "StatementImport",
    "StatementLine",
    "StatementLinesListStatus",
    "StatementLineStatusEnum",
    "StatementMatchKindEnum",
    "StatementUploadRequest",
    "TestEvent",
    "Thread",
    "ThreadOpenRequest",
    "TokenRefresh",
    "TokenRefreshRequest",
    "TokenRequest",
    "TrialBalance",
    "TrialBalanceAccount",
    "VirtualAccount",
    "VirtualAccountsWebhookBody",
    "VoidRequest",
    "Waiver",
    "WaiverCharge",
    "WaiverDecisionRequest",
    "WaiveRequest",
    "WaiverRejectRequest",
    "WaiversListStatus",
    "WaiverStatusEnum",
    "WebhookDeliveryStatusEnum",
    "WebhookEndpoint",
    "WebhookEndpointCreated",
    "WebhookEndpointRequest",
    "WebhookEventApplicationAccepted",
    "WebhookEventApplicationAcceptedData",
    "WebhookEventApplicationAcceptedDataApplication",
    "WebhookEventApplicationAcceptedType",
    "WebhookEventApplicationAcceptedVersion",
    "WebhookEventApplicationApproved",
    "WebhookEventApplicationApprovedData",
    "WebhookEventApplicationApprovedDataApplication",
    "WebhookEventApplicationApprovedDataOffer",
    "WebhookEventApplicationApprovedType",
    "WebhookEventApplicationApprovedVersion",
    "WebhookEventApplicationExpired",
    "WebhookEventApplicationExpiredData",
    "WebhookEventApplicationExpiredDataApplication",
    "WebhookEventApplicationExpiredType",
    "WebhookEventApplicationExpiredVersion",
    "WebhookEventApplicationRejected",
    "WebhookEventApplicationRejectedData",
    "WebhookEventApplicationRejectedDataApplication",
    "WebhookEventApplicationRejectedType",
    "WebhookEventApplicationRejectedVersion",
    "WebhookEventApplicationSubmitted",
    "WebhookEventApplicationSubmittedData",
    "WebhookEventApplicationSubmittedDataApplication",
    "WebhookEventApplicationSubmittedType",
    "WebhookEventApplicationSubmittedVersion",
    "WebhookEventApplicationWithdrawn",
    "WebhookEventApplicationWithdrawnData",
    "WebhookEventApplicationWithdrawnDataApplication",
    "WebhookEventApplicationWithdrawnType",
    "WebhookEventApplicationWithdrawnVersion",
    "WebhookEventCaseClosed",
    "WebhookEventCaseClosedData",
    "WebhookEventCaseClosedDataCase",
    "WebhookEventCaseClosedType",
    "WebhookEventCaseClosedVersion",
    "WebhookEventCaseOpened",
    "WebhookEventCaseOpenedData",
    "WebhookEventCaseOpenedDataCase",
    "WebhookEventCaseOpenedType",
    "WebhookEventCaseOpenedVersion",
    "WebhookEventChargeLevied",
    "WebhookEventChargeLeviedData",
    "WebhookEventChargeLeviedDataCharge",
    "WebhookEventChargeLeviedType",
    "WebhookEventChargeLeviedVersion",
    "WebhookEventChargeWaived",
    "WebhookEventChargeWaivedData",
    "WebhookEventChargeWaivedDataCharge",
    "WebhookEventChargeWaivedType",
    "WebhookEventChargeWaivedVersion",
    "WebhookEventEndpointTest",
    "WebhookEventEndpointTestData",
    "WebhookEventEndpointTestType",
    "WebhookEventEndpointTestVersion",
    "WebhookEventLoanBucketChanged",
    "WebhookEventLoanBucketChangedData",
    "WebhookEventLoanBucketChangedDataLoan",
    "WebhookEventLoanBucketChangedType",
    "WebhookEventLoanBucketChangedVersion",
    "WebhookEventLoanCancelled",
    "WebhookEventLoanCancelledData",
    "WebhookEventLoanCancelledDataLoan",
    "WebhookEventLoanCancelledType",
    "WebhookEventLoanCancelledVersion",
    "WebhookEventLoanClosed",
    "WebhookEventLoanClosedData",
    "WebhookEventLoanClosedDataLoan",
    "WebhookEventLoanClosedType",
    "WebhookEventLoanClosedVersion",
    "WebhookEventLoanDisbursed",
    "WebhookEventLoanDisbursedData",
    "WebhookEventLoanDisbursedDataLoan",
    "WebhookEventLoanDisbursedType",
    "WebhookEventLoanDisbursedVersion",
    "WebhookEventLoanForeclosed",
    "WebhookEventLoanForeclosedData",
    "WebhookEventLoanForeclosedDataLoan",
    "WebhookEventLoanForeclosedType",
    "WebhookEventLoanForeclosedVersion",
    "WebhookEventLoanSettled",
    "WebhookEventLoanSettledData",
    "WebhookEventLoanSettledDataLoan",
    "WebhookEventLoanSettledType",
    "WebhookEventLoanSettledVersion",
    "WebhookEventLoanWrittenOff",
    "WebhookEventLoanWrittenOffData",
    "WebhookEventLoanWrittenOffDataLoan",
    "WebhookEventLoanWrittenOffType",
    "WebhookEventLoanWrittenOffVersion",
    "WebhookEventMandateActivated",
    "WebhookEventMandateActivatedData",
    "WebhookEventMandateActivatedDataMandate",
    "WebhookEventMandateActivatedType",
    "WebhookEventMandateActivatedVersion",
    "WebhookEventMandateCancelled",
    "WebhookEventMandateCancelledData",
    "WebhookEventMandateCancelledDataMandate",
    "WebhookEventMandateCancelledType",
    "WebhookEventMandateCancelledVersion",
    "WebhookEventMandatePaused",
    "WebhookEventMandatePausedData",
    "WebhookEventMandatePausedDataMandate",
    "WebhookEventMandatePausedType",
    "WebhookEventMandatePausedVersion",
    "WebhookEventMandateRejected",
    "WebhookEventMandateRejectedData",
    "WebhookEventMandateRejectedDataMandate",
    "WebhookEventMandateRejectedType",
    "WebhookEventMandateRejectedVersion",
    "WebhookEventMandateResumed",
    "WebhookEventMandateResumedData",
    "WebhookEventMandateResumedDataMandate",
    "WebhookEventMandateResumedType",
    "WebhookEventMandateResumedVersion",
    "WebhookEventPaymentPosted",
    "WebhookEventPaymentPostedData",
    "WebhookEventPaymentPostedDataLoanAfter",
    "WebhookEventPaymentPostedDataPayment",
    "WebhookEventPaymentPostedDataPaymentAllocation",
    "WebhookEventPaymentPostedType",
    "WebhookEventPaymentPostedVersion",
    "WebhookEventPaymentReversed",
    "WebhookEventPaymentReversedData",
    "WebhookEventPaymentReversedDataLoanAfter",
    "WebhookEventPaymentReversedDataPayment",
    "WebhookEventPaymentReversedType",
    "WebhookEventPaymentReversedVersion",
    "WebhookEventPresentationBounced",
    "WebhookEventPresentationBouncedData",
    "WebhookEventPresentationBouncedDataPresentation",
    "WebhookEventPresentationBouncedType",
    "WebhookEventPresentationBouncedVersion",
    "WebhookEventPresentationDebited",
    "WebhookEventPresentationDebitedData",
    "WebhookEventPresentationDebitedDataPresentation",
    "WebhookEventPresentationDebitedType",
    "WebhookEventPresentationDebitedVersion",
    "WebhookEventPromiseBroken",
    "WebhookEventPromiseBrokenData",
    "WebhookEventPromiseBrokenDataPromise",
    "WebhookEventPromiseBrokenDataPromiseStatus",
    "WebhookEventPromiseBrokenType",
    "WebhookEventPromiseBrokenVersion",
    "WebhookEventPromiseKept",
    "WebhookEventPromiseKeptData",
    "WebhookEventPromiseKeptDataPromise",
    "WebhookEventPromiseKeptDataPromiseStatus",
    "WebhookEventPromiseKeptType",
    "WebhookEventPromiseKeptVersion",
    "WriteOffKindEnum",
    "WriteOffProposeRequest",
)
