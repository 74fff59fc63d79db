from typing import Literal

WebhookEventMandateCancelledType = Literal["mandate.cancelled"]

WEBHOOK_EVENT_MANDATE_CANCELLED_TYPE_VALUES: set[WebhookEventMandateCancelledType] = {
    "mandate.cancelled",
}


def check_webhook_event_mandate_cancelled_type(value: str) -> WebhookEventMandateCancelledType:
    if value in WEBHOOK_EVENT_MANDATE_CANCELLED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_CANCELLED_TYPE_VALUES!r}"
    )
