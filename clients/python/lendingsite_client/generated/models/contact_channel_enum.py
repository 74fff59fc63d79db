from typing import Literal

ContactChannelEnum = Literal["call", "email", "sms", "visit", "whatsapp"]

CONTACT_CHANNEL_ENUM_VALUES: set[ContactChannelEnum] = {
    "call",
    "email",
    "sms",
    "visit",
    "whatsapp",
}


def check_contact_channel_enum(value: str) -> ContactChannelEnum:
    if value in CONTACT_CHANNEL_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTACT_CHANNEL_ENUM_VALUES!r}")
