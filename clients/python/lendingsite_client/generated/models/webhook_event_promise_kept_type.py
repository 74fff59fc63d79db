from typing import Literal

WebhookEventPromiseKeptType = Literal["promise.kept"]

WEBHOOK_EVENT_PROMISE_KEPT_TYPE_VALUES: set[WebhookEventPromiseKeptType] = {
    "promise.kept",
}


def check_webhook_event_promise_kept_type(value: str) -> WebhookEventPromiseKeptType:
    if value in WEBHOOK_EVENT_PROMISE_KEPT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PROMISE_KEPT_TYPE_VALUES!r}"
    )
