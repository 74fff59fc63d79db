from typing import Literal

WebhookEventMandateResumedType = Literal["mandate.resumed"]

WEBHOOK_EVENT_MANDATE_RESUMED_TYPE_VALUES: set[WebhookEventMandateResumedType] = {
    "mandate.resumed",
}


def check_webhook_event_mandate_resumed_type(value: str) -> WebhookEventMandateResumedType:
    if value in WEBHOOK_EVENT_MANDATE_RESUMED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_RESUMED_TYPE_VALUES!r}"
    )
