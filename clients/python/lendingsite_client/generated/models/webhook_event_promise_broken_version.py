from typing import Literal

WebhookEventPromiseBrokenVersion = Literal[1]

WEBHOOK_EVENT_PROMISE_BROKEN_VERSION_VALUES: set[WebhookEventPromiseBrokenVersion] = {
    1,
}


def check_webhook_event_promise_broken_version(value: int) -> WebhookEventPromiseBrokenVersion:
    if value in WEBHOOK_EVENT_PROMISE_BROKEN_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PROMISE_BROKEN_VERSION_VALUES!r}"
    )
