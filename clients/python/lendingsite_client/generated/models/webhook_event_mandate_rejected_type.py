from typing import Literal

WebhookEventMandateRejectedType = Literal["mandate.rejected"]

WEBHOOK_EVENT_MANDATE_REJECTED_TYPE_VALUES: set[WebhookEventMandateRejectedType] = {
    "mandate.rejected",
}


def check_webhook_event_mandate_rejected_type(value: str) -> WebhookEventMandateRejectedType:
    if value in WEBHOOK_EVENT_MANDATE_REJECTED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_REJECTED_TYPE_VALUES!r}"
    )
