from typing import Literal

WebhookEventChargeWaivedType = Literal["charge.waived"]

WEBHOOK_EVENT_CHARGE_WAIVED_TYPE_VALUES: set[WebhookEventChargeWaivedType] = {
    "charge.waived",
}


def check_webhook_event_charge_waived_type(value: str) -> WebhookEventChargeWaivedType:
    if value in WEBHOOK_EVENT_CHARGE_WAIVED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CHARGE_WAIVED_TYPE_VALUES!r}"
    )
