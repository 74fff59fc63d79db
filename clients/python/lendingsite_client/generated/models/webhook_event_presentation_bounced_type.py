from typing import Literal

WebhookEventPresentationBouncedType = Literal["presentation.bounced"]

WEBHOOK_EVENT_PRESENTATION_BOUNCED_TYPE_VALUES: set[WebhookEventPresentationBouncedType] = {
    "presentation.bounced",
}


def check_webhook_event_presentation_bounced_type(
    value: str,
) -> WebhookEventPresentationBouncedType:
    if value in WEBHOOK_EVENT_PRESENTATION_BOUNCED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PRESENTATION_BOUNCED_TYPE_VALUES!r}"
    )
