"""A loan as the bureau sees it, and the validations it must pass before it is reported
(pure: no database; bureau/tests/test_records.py). docs/bureau.md lists every check."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

PAN_RE = re.compile(r"[A-Z]{5}[0-9]{4}[A-Z]")
PIN_RE = re.compile(r"(?<!\d)([1-9]\d{2})\s?(\d{3})(?!\d)")
MOBILE_RE = re.compile(r"[6-9]\d{9}")
CKYC_RE = re.compile(r"\d{14}")

# The state (census 2011 code, as the bureau formats use) of a PIN code's first two digits.
# Approximate where a postal circle spans two states; docs/bureau.md says so.
PIN_STATE = {
    **dict.fromkeys(range(11, 12), "07"),  # Delhi
    **dict.fromkeys(range(12, 14), "06"),  # Haryana
    **dict.fromkeys(range(14, 17), "03"),  # Punjab
    17: "02",  # Himachal Pradesh
    **dict.fromkeys(range(18, 20), "01"),  # Jammu and Kashmir
    **dict.fromkeys(range(20, 29), "09"),  # Uttar Pradesh (Uttarakhand shares 24-26)
    **dict.fromkeys(range(30, 35), "08"),  # Rajasthan
    **dict.fromkeys(range(36, 40), "24"),  # Gujarat
    **dict.fromkeys(range(40, 45), "27"),  # Maharashtra
    **dict.fromkeys(range(45, 49), "23"),  # Madhya Pradesh
    49: "22",  # Chhattisgarh
    50: "36",  # Telangana
    **dict.fromkeys(range(51, 54), "37"),  # Andhra Pradesh
    **dict.fromkeys(range(56, 60), "29"),  # Karnataka
    **dict.fromkeys(range(60, 65), "33"),  # Tamil Nadu
    **dict.fromkeys(range(67, 70), "32"),  # Kerala
    **dict.fromkeys(range(70, 75), "19"),  # West Bengal
    **dict.fromkeys(range(75, 78), "21"),  # Odisha
    **dict.fromkeys(range(78, 79), "18"),  # Assam
    **dict.fromkeys(range(80, 83), "10"),  # Bihar
    **dict.fromkeys(range(83, 86), "20"),  # Jharkhand
}


@dataclass(frozen=True)
class AccountRecord:
    """Everything one account's record in the file carries."""

    loan_id: int
    account_number: str
    name: str
    date_of_birth: date | None
    pan: str
    ckyc: str
    phone: str
    address: str
    date_opened: date | None
    date_closed: date | None
    last_payment: date | None
    sanctioned: Decimal
    current_balance: Decimal
    amount_overdue: Decimal
    dpd: int
    asset_class: str  # "01" standard, "02" sub-standard (NPA)
    status: str  # the loan's status
    written_off_total: Decimal
    written_off_principal: Decimal
    settlement_amount: Decimal
    restructured: bool


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def pin_code(address: str) -> str:
    """The last 6-digit PIN code in the address ('' when there is none)."""
    found = PIN_RE.findall(address or "")
    return "".join(found[-1]) if found else ""


def state_code(pin: str) -> str:
    return PIN_STATE.get(int(pin[:2]), "") if len(pin) == 6 else ""


def mobile(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    return digits


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def problems(record: AccountRecord, *, as_of: date) -> list[Problem]:
    """What stops this record from being reported, in words an officer can act on."""
    found = []
    if not record.name.strip():
        found.append(Problem("name", "The borrower's name is missing."))
    if not record.pan:
        found.append(Problem("pan", "PAN is missing."))
    elif not PAN_RE.fullmatch(record.pan):
        found.append(Problem("pan", f"PAN {record.pan} is not a valid PAN."))
    if record.ckyc and not CKYC_RE.fullmatch(record.ckyc):
        found.append(Problem("ckyc", "The CKYC number must be 14 digits."))
    if record.date_of_birth is None:
        found.append(Problem("date_of_birth", "Date of birth is missing."))
    elif age_on(record.date_of_birth, as_of) < 18:
        found.append(Problem("date_of_birth", "The borrower would be under 18."))
    if not MOBILE_RE.fullmatch(mobile(record.phone)):
        found.append(Problem("phone", "No valid 10-digit mobile number."))
    if not record.address.strip():
        found.append(Problem("address", "The address is missing."))
    pin = pin_code(record.address)
    if not pin:
        found.append(Problem("pin_code", "The address has no valid 6-digit PIN code."))
    elif not state_code(pin):
        found.append(Problem("pin_code", f"PIN code {pin} does not map to a state."))
    if record.date_opened is None:
        found.append(Problem("date_opened", "The loan has no disbursement date."))
    if record.sanctioned <= 0:
        found.append(Problem("sanctioned", "The sanctioned amount must be above zero."))
    return found
