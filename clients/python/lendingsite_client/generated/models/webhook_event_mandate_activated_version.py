from typing import Literal

WebhookEventMandateActivatedVersion = Literal[1]

WEBHOOK_EVENT_MANDATE_ACTIVATED_VERSION_VALUES: set[WebhookEventMandateActivatedVersion] = {
    1,
}


def check_webhook_event_mandate_activated_version(
    value: int,
) -> WebhookEventMandateActivatedVersion:
    if value in WEBHOOK_EVENT_MANDATE_ACTIVATED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_MANDATE_ACTIVATED_VERSION_VALUES!r}"
    )
