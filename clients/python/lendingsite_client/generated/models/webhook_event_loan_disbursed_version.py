from typing import Literal

WebhookEventLoanDisbursedVersion = Literal[1]

WEBHOOK_EVENT_LOAN_DISBURSED_VERSION_VALUES: set[WebhookEventLoanDisbursedVersion] = {
    1,
}


def check_webhook_event_loan_disbursed_version(value: int) -> WebhookEventLoanDisbursedVersion:
    if value in WEBHOOK_EVENT_LOAN_DISBURSED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_DISBURSED_VERSION_VALUES!r}"
    )
