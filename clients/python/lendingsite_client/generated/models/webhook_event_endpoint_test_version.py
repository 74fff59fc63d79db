from typing import Literal

WebhookEventEndpointTestVersion = Literal[1]

WEBHOOK_EVENT_ENDPOINT_TEST_VERSION_VALUES: set[WebhookEventEndpointTestVersion] = {
    1,
}


def check_webhook_event_endpoint_test_version(value: int) -> WebhookEventEndpointTestVersion:
    if value in WEBHOOK_EVENT_ENDPOINT_TEST_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_ENDPOINT_TEST_VERSION_VALUES!r}"
    )
