from typing import Literal

WebhookEventLoanForeclosedType = Literal["loan.foreclosed"]

WEBHOOK_EVENT_LOAN_FORECLOSED_TYPE_VALUES: set[WebhookEventLoanForeclosedType] = {
    "loan.foreclosed",
}


def check_webhook_event_loan_foreclosed_type(value: str) -> WebhookEventLoanForeclosedType:
    if value in WEBHOOK_EVENT_LOAN_FORECLOSED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_FORECLOSED_TYPE_VALUES!r}"
    )
