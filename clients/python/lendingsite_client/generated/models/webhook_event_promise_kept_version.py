from typing import Literal

WebhookEventPromiseKeptVersion = Literal[1]

WEBHOOK_EVENT_PROMISE_KEPT_VERSION_VALUES: set[WebhookEventPromiseKeptVersion] = {
    1,
}


def check_webhook_event_promise_kept_version(value: int) -> WebhookEventPromiseKeptVersion:
    if value in WEBHOOK_EVENT_PROMISE_KEPT_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PROMISE_KEPT_VERSION_VALUES!r}"
    )
