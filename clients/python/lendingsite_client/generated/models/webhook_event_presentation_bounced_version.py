from typing import Literal

WebhookEventPresentationBouncedVersion = Literal[1]

WEBHOOK_EVENT_PRESENTATION_BOUNCED_VERSION_VALUES: set[WebhookEventPresentationBouncedVersion] = {
    1,
}


def check_webhook_event_presentation_bounced_version(
    value: int,
) -> WebhookEventPresentationBouncedVersion:
    if value in WEBHOOK_EVENT_PRESENTATION_BOUNCED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PRESENTATION_BOUNCED_VERSION_VALUES!r}"
    )
