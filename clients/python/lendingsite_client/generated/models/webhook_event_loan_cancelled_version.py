from typing import Literal

WebhookEventLoanCancelledVersion = Literal[1]

WEBHOOK_EVENT_LOAN_CANCELLED_VERSION_VALUES: set[WebhookEventLoanCancelledVersion] = {
    1,
}


def check_webhook_event_loan_cancelled_version(value: int) -> WebhookEventLoanCancelledVersion:
    if value in WEBHOOK_EVENT_LOAN_CANCELLED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_CANCELLED_VERSION_VALUES!r}"
    )
