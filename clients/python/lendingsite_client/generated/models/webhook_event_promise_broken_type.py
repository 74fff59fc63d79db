from typing import Literal

WebhookEventPromiseBrokenType = Literal["promise.broken"]

WEBHOOK_EVENT_PROMISE_BROKEN_TYPE_VALUES: set[WebhookEventPromiseBrokenType] = {
    "promise.broken",
}


def check_webhook_event_promise_broken_type(value: str) -> WebhookEventPromiseBrokenType:
    if value in WEBHOOK_EVENT_PROMISE_BROKEN_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PROMISE_BROKEN_TYPE_VALUES!r}"
    )
