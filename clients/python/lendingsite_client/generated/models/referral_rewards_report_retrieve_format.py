from typing import Literal

ReferralRewardsReportRetrieveFormat = Literal["csv", "json"]

REFERRAL_REWARDS_REPORT_RETRIEVE_FORMAT_VALUES: set[ReferralRewardsReportRetrieveFormat] = {
    "csv",
    "json",
}


def check_referral_rewards_report_retrieve_format(
    value: str,
) -> ReferralRewardsReportRetrieveFormat:
    if value in REFERRAL_REWARDS_REPORT_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REFERRAL_REWARDS_REPORT_RETRIEVE_FORMAT_VALUES!r}"
    )
