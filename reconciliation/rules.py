"""Pure rules of reconciliation (no database): virtual account numbers and their check
digit, the loan reference, and reading one bank-statement row (docs/reconciliation.md).
Tested directly and with hypothesis in reconciliation/tests/test_rules.py."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from lendingsite.money import AmountInvalid, amount_parse
from lendingsite.utr import utr_folded

# The sandbox bank's collection client code: every virtual account it issues for us starts
# with it (a real bank gives its own code, e.g. a 4-6 character prefix).
SANDBOX_CLIENT_CODE = "9988"
SANDBOX_IFSC = "SBOX0VACCTS"
SANDBOX_VPA_HANDLE = "sbox"
LOAN_DIGITS = 9
VA_PATTERN = re.compile(r"(?<!\d)(\d{14})(?!\d)")
LOAN_REF_PATTERN = re.compile(r"(?<![A-Z0-9])LN(\d{8,10})(?![0-9])")
# UTR-like tokens in a narration: NEFT UTRs (11 alphanumerics then digits, 16-22 long) and
# IMPS/UPI RRNs (12 digits).
UTR_PATTERN = re.compile(r"(?<![A-Z0-9])([A-Z]{4}[A-Z0-9]{12,18}|\d{12})(?![A-Z0-9])")


def luhn_digit(digits: str) -> str:
    """The Luhn check digit of a string of digits (the digit to append)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # every second digit from the right, counting the one to be added
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and len(number) > 1 and luhn_digit(number[:-1]) == number[-1]


def sandbox_account_number(loan_id: int, client_code: str = SANDBOX_CLIENT_CODE) -> str:
    """Deterministic: client code + the loan id in nine digits + a Luhn check digit, so a
    mistyped number (one digit wrong, two adjacent swapped) matches no loan."""
    if not 0 < loan_id < 10**LOAN_DIGITS:
        raise ValueError(f"loan id {loan_id} does not fit a virtual account number")
    body = f"{client_code}{loan_id:0{LOAN_DIGITS}d}"
    return body + luhn_digit(body)


def sandbox_vpa(account_number: str) -> str:
    return f"ls{account_number}@{SANDBOX_VPA_HANDLE}"


def loan_reference(loan_id: int) -> str:
    """What a borrower writes in a transfer's remarks to name the loan (shown with the
    virtual account on the loan page)."""
    return f"LN{loan_id:08d}"


def account_numbers_in(text: str) -> list[str]:
    """Valid (check digit holds) sandbox virtual account numbers in a narration."""
    found = []
    for match in VA_PATTERN.finditer(text or ""):
        number = match.group(1)
        if number.startswith(SANDBOX_CLIENT_CODE) and luhn_valid(number) and number not in found:
            found.append(number)
    return found


def loan_ids_in(text: str) -> list[int]:
    found = []
    for match in LOAN_REF_PATTERN.finditer((text or "").upper()):
        loan_id = int(match.group(1))
        if loan_id and loan_id not in found:
            found.append(loan_id)
    return found


def utr_in(text: str) -> str:
    """The first UTR-like token of a narration ("NEFT/SBIN0123456789AB/RAVI" → the UTR),
    or ''. Used only when the row has no reference column value."""
    for part in re.split(r"[/\-\s:]+", (text or "").upper()):
        if UTR_PATTERN.fullmatch(part) and not part.startswith(SANDBOX_CLIENT_CODE):
            return part
    return ""


# --- the bank statement CSV ---------------------------------------------------------------

# Header names as banks print them (case and spacing ignored) → our field.
COLUMNS = {
    "txndate": "txn_date",
    "transactiondate": "txn_date",
    "date": "txn_date",
    "valuedate": "value_date",
    "description": "narration",
    "narration": "narration",
    "particulars": "narration",
    "refno./chequeno.": "reference",
    "refno.": "reference",
    "refno": "reference",
    "chq./ref.no.": "reference",
    "referenceno": "reference",
    "utr": "reference",
    "debit": "debit",
    "withdrawalamt.": "debit",
    "credit": "credit",
    "depositamt.": "credit",
    "balance": "balance",
    "closingbalance": "balance",
}
REQUIRED = ("txn_date", "narration", "credit")
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%d-%b-%Y", "%d %b %Y", "%Y-%m-%d")


# The reason a debit line carries (it is listed, never matched: money out is not a repayment).
DEBIT_NOTE = "A debit: not a repayment."


class RowInvalid(ValueError):
    pass


def header_map(header: list[str]) -> dict[str, int]:
    """Our field → column index; RowInvalid naming what is missing."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = "".join((name or "").split()).lower()
        field = COLUMNS.get(key)
        if field and field not in found:
            found[field] = index
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise RowInvalid(
            "The statement has no column for: "
            + ", ".join(missing)
            + " (expected e.g. Txn Date, Value Date, Description, Ref No./Cheque No., "
            "Debit, Credit, Balance)."
        )
    return found


def parse_date(text: str) -> date:
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowInvalid(f"{text!r} is not a date (dd/mm/yyyy)")


def parse_amount(text: str) -> Decimal:
    """'1,23,456.70' → Decimal('123456.70'); blank → 0. The bank's own decorations (a rupee
    sign, a trailing CR) go; the rest must be an amount by lendingsite.money.amount_parse,
    with thousands separators ("1e3" and "NaN" are not amounts). Never through float."""
    cleaned = (text or "").replace("₹", "").strip()
    if cleaned in ("", "-"):
        return Decimal("0.00")
    if cleaned.upper().endswith("CR"):
        cleaned = cleaned[:-2].strip()
    try:
        return amount_parse(cleaned, grouping=True)
    except AmountInvalid as exc:
        raise RowInvalid(f"{text!r} is not an amount in rupees and paise ({exc.reason})") from None


@dataclass(frozen=True)
class StatementRow:
    txn_date: date
    value_date: date | None
    narration: str
    reference: str  # canonical-folded; '' when the bank gave none
    credit: Decimal
    debit: Decimal
    balance: Decimal | None
    account_number: str  # the first virtual account named, '' if none
    account_count: int
    loan_ids: tuple[int, ...]
    # Why the row is not for matching even though it may be a credit (an MT940 reversal),
    # or what a debit is; '' for an ordinary row.
    note: str = ""


def row_parse(cells: list[str], columns: dict[str, int]) -> StatementRow:
    def cell(field: str) -> str:
        index = columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    narration = cell("narration")[:300]
    value_date = cell("value_date")
    balance = cell("balance")
    reference = utr_folded(cell("reference"))
    if reference in ("", "0", "-") or not reference.isascii():
        reference = utr_in(narration)
    text = f"{narration} {cell('reference')}"
    numbers = account_numbers_in(text)
    return StatementRow(
        txn_date=parse_date(cell("txn_date")),
        value_date=parse_date(value_date) if value_date else None,
        narration=narration,
        reference=reference[:64],
        credit=parse_amount(cell("credit")),
        debit=parse_amount(cell("debit")),
        balance=parse_amount(balance) if balance else None,
        account_number=numbers[0] if numbers else "",
        account_count=len(numbers),
        loan_ids=tuple(loan_ids_in(text)),
    )
