from typing import Literal

WebhookEventApplicationRejectedVersion = Literal[1]

WEBHOOK_EVENT_APPLICATION_REJECTED_VERSION_VALUES: set[WebhookEventApplicationRejectedVersion] = {
    1,
}


def check_webhook_event_application_rejected_version(
    value: int,
) -> WebhookEventApplicationRejectedVersion:
    if value in WEBHOOK_EVENT_APPLICATION_REJECTED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_REJECTED_VERSION_VALUES!r}"
    )
