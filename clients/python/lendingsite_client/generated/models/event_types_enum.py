from typing import Literal

EventTypesEnum = Literal[
    "application.accepted",
    "application.approved",
    "application.expired",
    "application.rejected",
    "application.submitted",
    "application.withdrawn",
    "case.closed",
    "case.opened",
    "charge.levied",
    "charge.waived",
    "endpoint.test",
    "loan.bucket_changed",
    "loan.cancelled",
    "loan.closed",
    "loan.disbursed",
    "loan.foreclosed",
    "loan.settled",
    "loan.written_off",
    "mandate.activated",
    "mandate.cancelled",
    "mandate.paused",
    "mandate.rejected",
    "mandate.resumed",
    "payment.posted",
    "payment.reversed",
    "presentation.bounced",
    "presentation.debited",
]

EVENT_TYPES_ENUM_VALUES: set[EventTypesEnum] = {
    "application.accepted",
    "application.approved",
    "application.expired",
    "application.rejected",
    "application.submitted",
    "application.withdrawn",
    "case.closed",
    "case.opened",
    "charge.levied",
    "charge.waived",
    "endpoint.test",
    "loan.bucket_changed",
    "loan.cancelled",
    "loan.closed",
    "loan.disbursed",
    "loan.foreclosed",
    "loan.settled",
    "loan.written_off",
    "mandate.activated",
    "mandate.cancelled",
    "mandate.paused",
    "mandate.rejected",
    "mandate.resumed",
    "payment.posted",
    "payment.reversed",
    "presentation.bounced",
    "presentation.debited",
}


def check_event_types_enum(value: str) -> EventTypesEnum:
    if value in EVENT_TYPES_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENT_TYPES_ENUM_VALUES!r}")
