from typing import Literal

WebhookEventPromiseKeptDataPromiseStatus = Literal["kept"]

WEBHOOK_EVENT_PROMISE_KEPT_DATA_PROMISE_STATUS_VALUES: set[
    WebhookEventPromiseKeptDataPromiseStatus
] = {
    "kept",
}


def check_webhook_event_promise_kept_data_promise_status(
    value: str,
) -> WebhookEventPromiseKeptDataPromiseStatus:
    if value in WEBHOOK_EVENT_PROMISE_KEPT_DATA_PROMISE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_PROMISE_KEPT_DATA_PROMISE_STATUS_VALUES!r}"
    )
