from typing import Literal

WebhookEventMandateActivatedType = Literal["mandate.activated"]

WEBHOOK_EVENT_MANDATE_ACTIVATED_TYPE_VALUES: set[WebhookEventMandateActivatedType] = {
    "mandate.activated",
}


def check_webhook_event_mandate_activated_type(value: str) -> WebhookEventMandateActivatedType:
    if value in WEBHOOK_EVENT_MANDATE_ACTIVATED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_ACTIVATED_TYPE_VALUES!r}"
    )
