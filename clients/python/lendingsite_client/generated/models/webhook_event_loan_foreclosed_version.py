from typing import Literal

WebhookEventLoanForeclosedVersion = Literal[1]

WEBHOOK_EVENT_LOAN_FORECLOSED_VERSION_VALUES: set[WebhookEventLoanForeclosedVersion] = {
    1,
}


def check_webhook_event_loan_foreclosed_version(value: int) -> WebhookEventLoanForeclosedVersion:
    if value in WEBHOOK_EVENT_LOAN_FORECLOSED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_FORECLOSED_VERSION_VALUES!r}"
    )
