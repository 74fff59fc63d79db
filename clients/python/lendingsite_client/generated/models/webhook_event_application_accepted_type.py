from typing import Literal

WebhookEventApplicationAcceptedType = Literal["application.accepted"]

WEBHOOK_EVENT_APPLICATION_ACCEPTED_TYPE_VALUES: set[WebhookEventApplicationAcceptedType] = {
    "application.accepted",
}


def check_webhook_event_application_accepted_type(
    value: str,
) -> WebhookEventApplicationAcceptedType:
    if value in WEBHOOK_EVENT_APPLICATION_ACCEPTED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_ACCEPTED_TYPE_VALUES!r}"
    )
