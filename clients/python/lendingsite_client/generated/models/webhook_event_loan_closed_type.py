from typing import Literal

WebhookEventLoanClosedType = Literal["loan.closed"]

WEBHOOK_EVENT_LOAN_CLOSED_TYPE_VALUES: set[WebhookEventLoanClosedType] = {
    "loan.closed",
}


def check_webhook_event_loan_closed_type(value: str) -> WebhookEventLoanClosedType:
    if value in WEBHOOK_EVENT_LOAN_CLOSED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_CLOSED_TYPE_VALUES!r}"
    )
