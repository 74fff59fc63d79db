from typing import Literal

WebhookEventLoanWrittenOffType = Literal["loan.written_off"]

WEBHOOK_EVENT_LOAN_WRITTEN_OFF_TYPE_VALUES: set[WebhookEventLoanWrittenOffType] = {
    "loan.written_off",
}


def check_webhook_event_loan_written_off_type(value: str) -> WebhookEventLoanWrittenOffType:
    if value in WEBHOOK_EVENT_LOAN_WRITTEN_OFF_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_WRITTEN_OFF_TYPE_VALUES!r}"
    )
