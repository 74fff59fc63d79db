from typing import Literal

WebhookEventApplicationAcceptedVersion = Literal[1]

WEBHOOK_EVENT_APPLICATION_ACCEPTED_VERSION_VALUES: set[WebhookEventApplicationAcceptedVersion] = {
    1,
}


def check_webhook_event_application_accepted_version(
    value: int,
) -> WebhookEventApplicationAcceptedVersion:
    if value in WEBHOOK_EVENT_APPLICATION_ACCEPTED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_ACCEPTED_VERSION_VALUES!r}"
    )
