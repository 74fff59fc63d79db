from typing import Literal

WebhookEventCaseClosedType = Literal["case.closed"]

WEBHOOK_EVENT_CASE_CLOSED_TYPE_VALUES: set[WebhookEventCaseClosedType] = {
    "case.closed",
}


def check_webhook_event_case_closed_type(value: str) -> WebhookEventCaseClosedType:
    if value in WEBHOOK_EVENT_CASE_CLOSED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CASE_CLOSED_TYPE_VALUES!r}"
    )
