import re

from django.core.exceptions import ValidationError

PAN_RE = re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$")
# Indian mobile numbers: 10 digits starting 6-9, optionally written with +91 / 0.
PHONE_RE = re.compile(r"^(?:\+91|0)?([6-9][0-9]{9})$")


class MaximumLengthValidator:
    """NIST 800-63B allows long passphrases; 128 caps the cost of hashing a huge input."""

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long. It must contain at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Your password must contain at most {self.max_length} characters."


def normalize_pan(value: str) -> str:
    return (value or "").strip().upper()


def validate_pan(value: str) -> None:
    if not PAN_RE.match(normalize_pan(value)):
        raise ValidationError(
            "PAN must be 5 letters, 4 digits and a letter, like ABCDE1234F.", code="invalid_pan"
        )


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value or "")
    match = PHONE_RE.match(digits)
    return f"+91{match.group(1)}" if match else digits


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(re.sub(r"[\s-]", "", value or "")):
        raise ValidationError(
            "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.",
            code="invalid_phone",
        )
