from typing import Literal

WebhookEventApplicationApprovedType = Literal["application.approved"]

WEBHOOK_EVENT_APPLICATION_APPROVED_TYPE_VALUES: set[WebhookEventApplicationApprovedType] = {
    "application.approved",
}


def check_webhook_event_application_approved_type(
    value: str,
) -> WebhookEventApplicationApprovedType:
    if value in WEBHOOK_EVENT_APPLICATION_APPROVED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_APPROVED_TYPE_VALUES!r}"
    )
