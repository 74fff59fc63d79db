from typing import Literal

WebhookEventMandateResumedVersion = Literal[1]

WEBHOOK_EVENT_MANDATE_RESUMED_VERSION_VALUES: set[WebhookEventMandateResumedVersion] = {
    1,
}


def check_webhook_event_mandate_resumed_version(value: int) -> WebhookEventMandateResumedVersion:
    if value in WEBHOOK_EVENT_MANDATE_RESUMED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_RESUMED_VERSION_VALUES!r}"
    )
