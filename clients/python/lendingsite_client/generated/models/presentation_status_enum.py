from typing import Literal

PresentationStatusEnum = Literal["bounced", "presented", "scheduled", "skipped", "succeeded"]

PRESENTATION_STATUS_ENUM_VALUES: set[PresentationStatusEnum] = {
    "bounced",
    "presented",
    "scheduled",
    "skipped",
    "succeeded",
}


def check_presentation_status_enum(value: str) -> PresentationStatusEnum:
    if value in PRESENTATION_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRESENTATION_STATUS_ENUM_VALUES!r}"
    )
