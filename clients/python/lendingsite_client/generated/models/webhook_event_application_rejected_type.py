from typing import Literal

WebhookEventApplicationRejectedType = Literal["application.rejected"]

WEBHOOK_EVENT_APPLICATION_REJECTED_TYPE_VALUES: set[WebhookEventApplicationRejectedType] = {
    "application.rejected",
}


def check_webhook_event_application_rejected_type(
    value: str,
) -> WebhookEventApplicationRejectedType:
    if value in WEBHOOK_EVENT_APPLICATION_REJECTED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_REJECTED_TYPE_VALUES!r}"
    )
