from typing import Literal

WebhookEventChargeWaivedVersion = Literal[1]

WEBHOOK_EVENT_CHARGE_WAIVED_VERSION_VALUES: set[WebhookEventChargeWaivedVersion] = {
    1,
}


def check_webhook_event_charge_waived_version(value: int) -> WebhookEventChargeWaivedVersion:
    if value in WEBHOOK_EVENT_CHARGE_WAIVED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CHARGE_WAIVED_VERSION_VALUES!r}"
    )
