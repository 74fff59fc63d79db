from typing import Literal

WebhookEventPresentationDebitedVersion = Literal[1]

WEBHOOK_EVENT_PRESENTATION_DEBITED_VERSION_VALUES: set[WebhookEventPresentationDebitedVersion] = {
    1,
}


def check_webhook_event_presentation_debited_version(
    value: int,
) -> WebhookEventPresentationDebitedVersion:
    if value in WEBHOOK_EVENT_PRESENTATION_DEBITED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PRESENTATION_DEBITED_VERSION_VALUES!r}"
    )
