from typing import Literal

WebhookEventCaseClosedVersion = Literal[1]

WEBHOOK_EVENT_CASE_CLOSED_VERSION_VALUES: set[WebhookEventCaseClosedVersion] = {
    1,
}


def check_webhook_event_case_closed_version(value: int) -> WebhookEventCaseClosedVersion:
    if value in WEBHOOK_EVENT_CASE_CLOSED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CASE_CLOSED_VERSION_VALUES!r}"
    )
