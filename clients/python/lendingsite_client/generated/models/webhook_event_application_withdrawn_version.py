from typing import Literal

WebhookEventApplicationWithdrawnVersion = Literal[1]

WEBHOOK_EVENT_APPLICATION_WITHDRAWN_VERSION_VALUES: set[WebhookEventApplicationWithdrawnVersion] = {
    1,
}


def check_webhook_event_application_withdrawn_version(
    value: int,
) -> WebhookEventApplicationWithdrawnVersion:
    if value in WEBHOOK_EVENT_APPLICATION_WITHDRAWN_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_APPLICATION_WITHDRAWN_VERSION_VALUES!r}"
    )
