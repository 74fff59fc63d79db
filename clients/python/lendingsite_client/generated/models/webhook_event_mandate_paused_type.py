from typing import Literal

WebhookEventMandatePausedType = Literal["mandate.paused"]

WEBHOOK_EVENT_MANDATE_PAUSED_TYPE_VALUES: set[WebhookEventMandatePausedType] = {
    "mandate.paused",
}


def check_webhook_event_mandate_paused_type(value: str) -> WebhookEventMandatePausedType:
    if value in WEBHOOK_EVENT_MANDATE_PAUSED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_PAUSED_TYPE_VALUES!r}"
    )
