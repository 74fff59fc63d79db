from typing import Literal

BureauIssueKindEnum = Literal["rejection", "validation"]

BUREAU_ISSUE_KIND_ENUM_VALUES: set[BureauIssueKindEnum] = {
    "rejection",
    "validation",
}


def check_bureau_issue_kind_enum(value: str) -> BureauIssueKindEnum:
    if value in BUREAU_ISSUE_KIND_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BUREAU_ISSUE_KIND_ENUM_VALUES!r}"
    )
