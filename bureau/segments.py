"""The file the bureaus receive, in the uniform consumer credit reporting format the Indian
credit information companies publish (TransUnion CIBIL's TUDF layout, which the others
accept): a header, then per account the name (PN), identification (ID), telephone (PT),
address (PA) and account (TL) segments and an end-of-record marker (ES), then a trailer.

Every field is <tag: 2 digits><length: 2 digits><value>; every segment starts with its own
tag field (e.g. "PN03N01"). THIS IS THE ONE MODULE THAT KNOWS THE LAYOUT: the tag numbers,
code values and the header's fixed layout below are our reading of the public guides and
could not all be verified (docs/bureau.md lists which); a correction is made here and
checked by bureau/tests/test_segments.py, which compares a whole file field by field.
"""

from datetime import date
from decimal import Decimal

from bureau.records import AccountRecord, mobile, pin_code, state_code

VERSION = "12"
RECORD_END = "ES02**"
TRAILER = "TRLR"

ACCOUNT_TYPE_PERSONAL_LOAN = "05"
OWNERSHIP_INDIVIDUAL = "1"
ID_PAN = "01"
ID_CKYC = "08"  # unverified: reported in the "additional ID" slot
PHONE_MOBILE = "01"
ADDRESS_RESIDENCE = "02"
# Written-off and settled status (TL tag 22).
WRITTEN_OFF = "02"
SETTLED = "03"
RESTRUCTURED = "00"


def field(tag: str, value: str) -> str:
    value = value.upper()
    if len(value) > 99:
        value = value[:99]
    return f"{tag}{len(value):02d}{value}"


def ddmmyyyy(day: date | None) -> str:
    return day.strftime("%d%m%Y") if day else ""


def rupees(amount: Decimal) -> str:
    """Whole rupees, no sign or separators (the format carries no paise)."""
    return str(int(amount.quantize(Decimal("1"))))


def segment(tag: str, label: str, fields: list[tuple[str, str]]) -> str:
    return field(tag, label) + "".join(field(t, v) for t, v in fields if v != "")


def header(*, member_id: str, member_name: str, as_of: date, cycle: str) -> str:
    return (
        f"TUDF{VERSION}"
        + member_id.ljust(30)[:30]
        + member_name.upper().ljust(16)[:16]
        + cycle.ljust(2)[:2]
        + ddmmyyyy(as_of)
        + " " * 30  # reporting password: left blank, the bureau's upload portal asks for it
        + " " * 48  # future use
    )


def name_segment(record: AccountRecord) -> str:
    words = record.name.split()
    # The name field holds 26 characters; a longer name continues in the next ones.
    parts, current = [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > 26:
            parts.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    parts.append(current)
    fields = [(f"{i + 1:02d}", part) for i, part in enumerate(parts[:5])]
    fields.append(("07", ddmmyyyy(record.date_of_birth)))
    return segment("PN", "N01", fields)


def id_segments(record: AccountRecord) -> str:
    out = segment("ID", "I01", [("01", ID_PAN), ("02", record.pan)])
    if record.ckyc:
        out += segment("ID", "I02", [("01", ID_CKYC), ("02", record.ckyc)])
    return out


def phone_segment(record: AccountRecord) -> str:
    return segment("PT", "T01", [("01", mobile(record.phone)), ("03", PHONE_MOBILE)])


def address_segment(record: AccountRecord) -> str:
    text = " ".join(record.address.split())
    lines = [text[i : i + 40] for i in range(0, min(len(text), 200), 40)]
    pin = pin_code(record.address)
    fields = [(f"{i + 1:02d}", line) for i, line in enumerate(lines)]
    fields += [("06", state_code(pin)), ("07", pin), ("08", ADDRESS_RESIDENCE)]
    return segment("PA", "A01", fields)


def status_code(record: AccountRecord) -> str:
    if record.status == "written_off":
        return WRITTEN_OFF
    if record.status == "settled":
        return SETTLED
    if record.restructured:
        return RESTRUCTURED
    return ""


def account_segment(record: AccountRecord, *, member_id: str, member_name: str, as_of: date) -> str:
    return segment(
        "TL",
        "T001",
        [
            ("01", member_id),
            ("02", member_name),
            ("03", record.account_number),
            ("04", ACCOUNT_TYPE_PERSONAL_LOAN),
            ("05", OWNERSHIP_INDIVIDUAL),
            ("08", ddmmyyyy(record.date_opened)),
            ("09", ddmmyyyy(record.last_payment)),
            ("10", ddmmyyyy(record.date_closed)),
            ("11", ddmmyyyy(as_of)),
            ("12", rupees(record.sanctioned)),
            ("13", rupees(record.current_balance)),
            ("14", rupees(record.amount_overdue)),
            ("15", f"{min(record.dpd, 999):03d}"),
            ("22", status_code(record)),
            ("26", record.asset_class),
            ("41", rupees(record.written_off_total) if record.written_off_total else ""),
            ("42", rupees(record.written_off_principal) if record.written_off_principal else ""),
            ("43", rupees(record.settlement_amount) if record.settlement_amount else ""),
        ],
    )


def record_lines(record: AccountRecord, *, member_id: str, member_name: str, as_of: date) -> str:
    return (
        name_segment(record)
        + id_segments(record)
        + phone_segment(record)
        + address_segment(record)
        + account_segment(record, member_id=member_id, member_name=member_name, as_of=as_of)
        + RECORD_END
    )


def trailer() -> str:
    return TRAILER


def file_text(records, *, member_id: str, member_name: str, as_of: date, cycle: str) -> str:
    """The whole file: header, one line per account record, trailer; CRLF line ends."""
    lines = [header(member_id=member_id, member_name=member_name, as_of=as_of, cycle=cycle)]
    lines += [
        record_lines(r, member_id=member_id, member_name=member_name, as_of=as_of) for r in records
    ]
    lines.append(trailer())
    return "\r\n".join(lines) + "\r\n"
