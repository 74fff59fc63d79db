from typing import Literal

WebhookEventApplicationExpiredVersion = Literal[1]

WEBHOOK_EVENT_APPLICATION_EXPIRED_VERSION_VALUES: set[WebhookEventApplicationExpiredVersion] = {
    1,
}


def check_webhook_event_application_expired_version(
    value: int,
) -> WebhookEventApplicationExpiredVersion:
    if value in WEBHOOK_EVENT_APPLICATION_EXPIRED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_EXPIRED_VERSION_VALUES!r}"
    )
