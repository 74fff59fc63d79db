from typing import Literal

WebhookEventPresentationDebitedType = Literal["presentation.debited"]

WEBHOOK_EVENT_PRESENTATION_DEBITED_TYPE_VALUES: set[WebhookEventPresentationDebitedType] = {
    "presentation.debited",
}


def check_webhook_event_presentation_debited_type(
    value: str,
) -> WebhookEventPresentationDebitedType:
    if value in WEBHOOK_EVENT_PRESENTATION_DEBITED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PRESENTATION_DEBITED_TYPE_VALUES!r}"
    )
