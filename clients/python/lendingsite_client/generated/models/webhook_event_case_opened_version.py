from typing import Literal

WebhookEventCaseOpenedVersion = Literal[1]

WEBHOOK_EVENT_CASE_OPENED_VERSION_VALUES: set[WebhookEventCaseOpenedVersion] = {
    1,
}


def check_webhook_event_case_opened_version(value: int) -> WebhookEventCaseOpenedVersion:
    if value in WEBHOOK_EVENT_CASE_OPENED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CASE_OPENED_VERSION_VALUES!r}"
    )
