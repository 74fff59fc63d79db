from typing import Literal

WebhookEventChargeLeviedVersion = Literal[1]

WEBHOOK_EVENT_CHARGE_LEVIED_VERSION_VALUES: set[WebhookEventChargeLeviedVersion] = {
    1,
}


def check_webhook_event_charge_levied_version(value: int) -> WebhookEventChargeLeviedVersion:
    if value in WEBHOOK_EVENT_CHARGE_LEVIED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_CHARGE_LEVIED_VERSION_VALUES!r}"
    )
