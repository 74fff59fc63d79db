from typing import Literal

WebhookEventPromiseBrokenDataPromiseStatus = Literal["broken"]

WEBHOOK_EVENT_PROMISE_BROKEN_DATA_PROMISE_STATUS_VALUES: set[
    WebhookEventPromiseBrokenDataPromiseStatus
] = {
    "broken",
}


def check_webhook_event_promise_broken_data_promise_status(
    value: str,
) -> WebhookEventPromiseBrokenDataPromiseStatus:
    if value in WEBHOOK_EVENT_PROMISE_BROKEN_DATA_PROMISE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PROMISE_BROKEN_DATA_PROMISE_STATUS_VALUES!r}"
    )
