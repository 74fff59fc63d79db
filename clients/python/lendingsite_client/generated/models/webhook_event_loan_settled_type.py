from typing import Literal

WebhookEventLoanSettledType = Literal["loan.settled"]

WEBHOOK_EVENT_LOAN_SETTLED_TYPE_VALUES: set[WebhookEventLoanSettledType] = {
    "loan.settled",
}


def check_webhook_event_loan_settled_type(value: str) -> WebhookEventLoanSettledType:
    if value in WEBHOOK_EVENT_LOAN_SETTLED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_SETTLED_TYPE_VALUES!r}"
    )
