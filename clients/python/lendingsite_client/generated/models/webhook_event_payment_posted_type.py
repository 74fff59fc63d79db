from typing import Literal

WebhookEventPaymentPostedType = Literal["payment.posted"]

WEBHOOK_EVENT_PAYMENT_POSTED_TYPE_VALUES: set[WebhookEventPaymentPostedType] = {
    "payment.posted",
}


def check_webhook_event_payment_posted_type(value: str) -> WebhookEventPaymentPostedType:
    if value in WEBHOOK_EVENT_PAYMENT_POSTED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PAYMENT_POSTED_TYPE_VALUES!r}"
    )
