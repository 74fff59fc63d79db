from typing import Literal

WebhookEventApplicationApprovedVersion = Literal[1]

WEBHOOK_EVENT_APPLICATION_APPROVED_VERSION_VALUES: set[WebhookEventApplicationApprovedVersion] = {
    1,
}


def check_webhook_event_application_approved_version(
    value: int,
) -> WebhookEventApplicationApprovedVersion:
    if value in WEBHOOK_EVENT_APPLICATION_APPROVED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_APPROVED_VERSION_VALUES!r}"
    )
