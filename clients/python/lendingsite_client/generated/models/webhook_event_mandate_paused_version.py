from typing import Literal

WebhookEventMandatePausedVersion = Literal[1]

WEBHOOK_EVENT_MANDATE_PAUSED_VERSION_VALUES: set[WebhookEventMandatePausedVersion] = {
    1,
}


def check_webhook_event_mandate_paused_version(value: int) -> WebhookEventMandatePausedVersion:
    if value in WEBHOOK_EVENT_MANDATE_PAUSED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_PAUSED_VERSION_VALUES!r}"
    )
