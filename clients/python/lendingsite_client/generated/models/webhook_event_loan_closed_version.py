from typing import Literal

WebhookEventLoanClosedVersion = Literal[1]

WEBHOOK_EVENT_LOAN_CLOSED_VERSION_VALUES: set[WebhookEventLoanClosedVersion] = {
    1,
}


def check_webhook_event_loan_closed_version(value: int) -> WebhookEventLoanClosedVersion:
    if value in WEBHOOK_EVENT_LOAN_CLOSED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_CLOSED_VERSION_VALUES!r}"
    )
