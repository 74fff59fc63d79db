from typing import Literal

WebhookEventLoanSettledVersion = Literal[1]

WEBHOOK_EVENT_LOAN_SETTLED_VERSION_VALUES: set[WebhookEventLoanSettledVersion] = {
    1,
}


def check_webhook_event_loan_settled_version(value: int) -> WebhookEventLoanSettledVersion:
    if value in WEBHOOK_EVENT_LOAN_SETTLED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_SETTLED_VERSION_VALUES!r}"
    )
