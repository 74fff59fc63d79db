from typing import Literal

WebhookEventChargeLeviedType = Literal["charge.levied"]

WEBHOOK_EVENT_CHARGE_LEVIED_TYPE_VALUES: set[WebhookEventChargeLeviedType] = {
    "charge.levied",
}


def check_webhook_event_charge_levied_type(value: str) -> WebhookEventChargeLeviedType:
    if value in WEBHOOK_EVENT_CHARGE_LEVIED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CHARGE_LEVIED_TYPE_VALUES!r}"
    )
