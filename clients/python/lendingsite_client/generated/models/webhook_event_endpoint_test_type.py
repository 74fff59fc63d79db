from typing import Literal

WebhookEventEndpointTestType = Literal["endpoint.test"]

WEBHOOK_EVENT_ENDPOINT_TEST_TYPE_VALUES: set[WebhookEventEndpointTestType] = {
    "endpoint.test",
}


def check_webhook_event_endpoint_test_type(value: str) -> WebhookEventEndpointTestType:
    if value in WEBHOOK_EVENT_ENDPOINT_TEST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_ENDPOINT_TEST_TYPE_VALUES!r}"
    )
