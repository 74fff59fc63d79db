from typing import Literal

WebhookEventPaymentReversedVersion = Literal[1]

WEBHOOK_EVENT_PAYMENT_REVERSED_VERSION_VALUES: set[WebhookEventPaymentReversedVersion] = {
    1,
}


def check_webhook_event_payment_reversed_version(value: int) -> WebhookEventPaymentReversedVersion:
    if value in WEBHOOK_EVENT_PAYMENT_REVERSED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PAYMENT_REVERSED_VERSION_VALUES!r}"
    )
