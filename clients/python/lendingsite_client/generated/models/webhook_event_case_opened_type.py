from typing import Literal

WebhookEventCaseOpenedType = Literal["case.opened"]

WEBHOOK_EVENT_CASE_OPENED_TYPE_VALUES: set[WebhookEventCaseOpenedType] = {
    "case.opened",
}


def check_webhook_event_case_opened_type(value: str) -> WebhookEventCaseOpenedType:
    if value in WEBHOOK_EVENT_CASE_OPENED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CASE_OPENED_TYPE_VALUES!r}"
    )
