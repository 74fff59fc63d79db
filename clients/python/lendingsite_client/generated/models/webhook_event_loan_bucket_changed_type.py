from typing import Literal

WebhookEventLoanBucketChangedType = Literal["loan.bucket_changed"]

WEBHOOK_EVENT_LOAN_BUCKET_CHANGED_TYPE_VALUES: set[WebhookEventLoanBucketChangedType] = {
    "loan.bucket_changed",
}


def check_webhook_event_loan_bucket_changed_type(value: str) -> WebhookEventLoanBucketChangedType:
    if value in WEBHOOK_EVENT_LOAN_BUCKET_CHANGED_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_LOAN_BUCKET_CHANGED_TYPE_VALUES!r}"
    )
