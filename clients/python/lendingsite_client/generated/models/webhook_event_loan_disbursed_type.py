from typing import Literal

WebhookEventLoanDisbursedType = Literal["loan.disbursed"]

WEBHOOK_EVENT_LOAN_DISBURSED_TYPE_VALUES: set[WebhookEventLoanDisbursedType] = {
    "loan.disbursed",
}


def check_webhook_event_loan_disbursed_type(value: str) -> WebhookEventLoanDisbursedType:
    if value in WEBHOOK_EVENT_LOAN_DISBURSED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_DISBURSED_TYPE_VALUES!r}"
    )
