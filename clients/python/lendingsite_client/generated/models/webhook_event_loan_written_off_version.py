from typing import Literal

WebhookEventLoanWrittenOffVersion = Literal[1]

WEBHOOK_EVENT_LOAN_WRITTEN_OFF_VERSION_VALUES: set[WebhookEventLoanWrittenOffVersion] = {
    1,
}


def check_webhook_event_loan_written_off_version(value: int) -> WebhookEventLoanWrittenOffVersion:
    if value in WEBHOOK_EVENT_LOAN_WRITTEN_OFF_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_WRITTEN_OFF_VERSION_VALUES!r}"
    )
