from typing import Literal

WebhookEventLoanBucketChangedVersion = Literal[1]

WEBHOOK_EVENT_LOAN_BUCKET_CHANGED_VERSION_VALUES: set[WebhookEventLoanBucketChangedVersion] = {
    1,
}


def check_webhook_event_loan_bucket_changed_version(
    value: int,
) -> WebhookEventLoanBucketChangedVersion:
    if value in WEBHOOK_EVENT_LOAN_BUCKET_CHANGED_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_BUCKET_CHANGED_VERSION_VALUES!r}"
    )
