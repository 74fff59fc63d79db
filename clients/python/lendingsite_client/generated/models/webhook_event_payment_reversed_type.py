from typing import Literal

WebhookEventPaymentReversedType = Literal["payment.reversed"]

WEBHOOK_EVENT_PAYMENT_REVERSED_TYPE_VALUES: set[WebhookEventPaymentReversedType] = {
    "payment.reversed",
}


def check_webhook_event_payment_reversed_type(value: str) -> WebhookEventPaymentReversedType:
    if value in WEBHOOK_EVENT_PAYMENT_REVERSED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PAYMENT_REVERSED_TYPE_VALUES!r}"
    )
