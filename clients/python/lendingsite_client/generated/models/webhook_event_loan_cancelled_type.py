from typing import Literal

WebhookEventLoanCancelledType = Literal["loan.cancelled"]

WEBHOOK_EVENT_LOAN_CANCELLED_TYPE_VALUES: set[WebhookEventLoanCancelledType] = {
    "loan.cancelled",
}


def check_webhook_event_loan_cancelled_type(value: str) -> WebhookEventLoanCancelledType:
    if value in WEBHOOK_EVENT_LOAN_CANCELLED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_CANCELLED_TYPE_VALUES!r}"
    )
