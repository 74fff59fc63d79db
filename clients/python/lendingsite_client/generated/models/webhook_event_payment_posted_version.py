from typing import Literal

WebhookEventPaymentPostedVersion = Literal[1]

WEBHOOK_EVENT_PAYMENT_POSTED_VERSION_VALUES: set[WebhookEventPaymentPostedVersion] = {
    1,
}


def check_webhook_event_payment_posted_version(value: int) -> WebhookEventPaymentPostedVersion:
    if value in WEBHOOK_EVENT_PAYMENT_POSTED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PAYMENT_POSTED_VERSION_VALUES!r}"
    )
