from typing import Literal

WebhookEventMandateCancelledVersion = Literal[1]

WEBHOOK_EVENT_MANDATE_CANCELLED_VERSION_VALUES: set[WebhookEventMandateCancelledVersion] = {
    1,
}


def check_webhook_event_mandate_cancelled_version(
    value: int,
) -> WebhookEventMandateCancelledVersion:
    if value in WEBHOOK_EVENT_MANDATE_CANCELLED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_CANCELLED_VERSION_VALUES!r}"
    )
