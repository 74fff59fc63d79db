from typing import Literal

WebhookEventApplicationSubmittedVersion = Literal[1]

WEBHOOK_EVENT_APPLICATION_SUBMITTED_VERSION_VALUES: set[WebhookEventApplicationSubmittedVersion] = {
    1,
}


def check_webhook_event_application_submitted_version(
    value: int,
) -> WebhookEventApplicationSubmittedVersion:
    if value in WEBHOOK_EVENT_APPLICATION_SUBMITTED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_SUBMITTED_VERSION_VALUES!r}"
    )
