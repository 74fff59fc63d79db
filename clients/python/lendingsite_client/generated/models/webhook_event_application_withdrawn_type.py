from typing import Literal

WebhookEventApplicationWithdrawnType = Literal["application.withdrawn"]

WEBHOOK_EVENT_APPLICATION_WITHDRAWN_TYPE_VALUES: set[WebhookEventApplicationWithdrawnType] = {
    "application.withdrawn",
}


def check_webhook_event_application_withdrawn_type(
    value: str,
) -> WebhookEventApplicationWithdrawnType:
    if value in WEBHOOK_EVENT_APPLICATION_WITHDRAWN_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_WITHDRAWN_TYPE_VALUES!r}"
    )
