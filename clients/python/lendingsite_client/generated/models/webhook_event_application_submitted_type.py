from typing import Literal

WebhookEventApplicationSubmittedType = Literal["application.submitted"]

WEBHOOK_EVENT_APPLICATION_SUBMITTED_TYPE_VALUES: set[WebhookEventApplicationSubmittedType] = {
    "application.submitted",
}


def check_webhook_event_application_submitted_type(
    value: str,
) -> WebhookEventApplicationSubmittedType:
    if value in WEBHOOK_EVENT_APPLICATION_SUBMITTED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_SUBMITTED_TYPE_VALUES!r}"
    )
