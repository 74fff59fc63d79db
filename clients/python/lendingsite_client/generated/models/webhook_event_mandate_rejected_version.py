from typing import Literal

WebhookEventMandateRejectedVersion = Literal[1]

WEBHOOK_EVENT_MANDATE_REJECTED_VERSION_VALUES: set[WebhookEventMandateRejectedVersion] = {
    1,
}


def check_webhook_event_mandate_rejected_version(value: int) -> WebhookEventMandateRejectedVersion:
    if value in WEBHOOK_EVENT_MANDATE_REJECTED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_REJECTED_VERSION_VALUES!r}"
    )
