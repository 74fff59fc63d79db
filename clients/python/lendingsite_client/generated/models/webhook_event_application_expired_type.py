from typing import Literal

WebhookEventApplicationExpiredType = Literal["application.expired"]

WEBHOOK_EVENT_APPLICATION_EXPIRED_TYPE_VALUES: set[WebhookEventApplicationExpiredType] = {
    "application.expired",
}


def check_webhook_event_application_expired_type(value: str) -> WebhookEventApplicationExpiredType:
    if value in WEBHOOK_EVENT_APPLICATION_EXPIRED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_EXPIRED_TYPE_VALUES!r}"
    )
