"""Reading a SWIFT MT940 customer statement (docs/reconciliation.md, "MT940"). Pure: text
in, statements out, no database.

Strict where money is decided — dates, debit/credit marks, amounts, currency, the
statement's structure and its balance (opening + lines = closing) — and lenient where a
field is only a matching hint (reference lengths, the free text of :86:). A file breaking
a strict rule is refused whole with the line number; nothing is kept.

Why not the `mt-940` package (docs/decisions.md): it is lenient by design (a missing :20:
or an unbalanced statement parses without a word) and keeps only the last statement's
balances when a file holds several, so the checks below would have to be written anyway.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lendingsite.money import AmountInvalid, amount_parse
from lendingsite.utr import utr_folded
from reconciliation import rules

CURRENCY = "INR"
TAG = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")
# :60F:/:62F:/:64: 1!a6!n3!a15d — mark, YYMMDD, currency, amount.
BALANCE = re.compile(r"^([CD])(\d{6})([A-Z]{3})(.+)$")
# :61: up to the amount: value date YYMMDD, [entry date MMDD], mark (RC/RD before C/D),
# [funds code: the third character of the currency code].
LINE_HEAD = re.compile(r"^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d[\d,.]*)")
AMOUNT = re.compile(r"^\d{1,14},\d{0,2}$")  # 15d: comma decimal, at most 2 places in INR
TYPE = re.compile(r"^[NSF][A-Z0-9]{3}")  # 1!a3!c: N/S/F + code (TRF, CHG, MSC…)
NONREF = "NONREF"
# A line's effect on the balance: RC reverses a credit (money out), RD a debit (money in).
SIGN = {"C": 1, "D": -1, "RC": -1, "RD": 1}
KNOWN = {"20", "21", "25", "28", "28C", "60F", "60M", "61", "86", "62F", "62M", "64", "65"}


class Mt940Invalid(rules.RowInvalid):
    pass


@dataclass(frozen=True)
class Balance:
    mark: str
    on: date
    currency: str
    amount: Decimal

    @property
    def signed(self) -> Decimal:
        return self.amount if self.mark == "C" else -self.amount


@dataclass
class Mt940Line:
    line_no: int  # the file line of its :61:
    value_date: date
    entry_date: date | None
    mark: str  # C, D, RC, RD
    funds_code: str
    amount: Decimal
    type_code: str  # e.g. NTRF
    customer_reference: str  # '' for NONREF
    bank_reference: str
    supplementary: str = ""
    information: str = ""  # :86:, its lines joined by a space
    balance_after: Decimal = Decimal("0.00")

    @property
    def signed(self) -> Decimal:
        return SIGN[self.mark] * self.amount


@dataclass
class Mt940Statement:
    line_no: int  # the file line of its :20:
    reference: str = ""  # :20:
    account: str = ""  # :25:
    number: str = ""  # :28C:
    opening: Balance | None = None
    closing: Balance | None = None
    available: Balance | None = None  # :64:
    lines: list[Mt940Line] = field(default_factory=list)


def _date(text: str, number: int, what: str) -> date:
    try:
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise Mt940Invalid(f"Line {number}: {what} {text!r} is not a date (YYMMDD)") from None


def _amount(text: str, number: int, what: str) -> Decimal:
    if not AMOUNT.match(text):
        raise Mt940Invalid(
            f"Line {number}: {what} {text!r} is not an MT940 amount "
            "(digits, a comma for the decimals, at most 2 of them, e.g. 1500,00)"
        )
    whole, _, paise = text.partition(",")
    try:
        return amount_parse(f"{whole}.{paise}" if paise else whole)
    except AmountInvalid as exc:  # 15d allows more digits than an amount we can hold
        raise Mt940Invalid(
            f"Line {number}: {what} {text!r} is not an amount ({exc.reason})"
        ) from None


def _balance(text: str, number: int, tag: str) -> Balance:
    match = BALANCE.match(text.strip())
    if not match:
        raise Mt940Invalid(
            f"Line {number}: :{tag}: {text!r} is not a balance (C or D, YYMMDD, currency, amount)"
        )
    mark, on, currency, amount = match.groups()
    if currency != CURRENCY:
        raise Mt940Invalid(
            f"Line {number}: the statement is in {currency}; only {CURRENCY} statements are read"
        )
    return Balance(
        mark,
        _date(on, number, f":{tag}: date"),
        currency,
        _amount(amount, number, f":{tag}: amount"),
    )


def _entry_date(value: date, mmdd: str, number: int) -> date:
    """MMDD in the year that puts it nearest the value date (a line valued 31 Dec may be
    booked 2 Jan, one valued 2 Jan booked 31 Dec)."""
    month, day = int(mmdd[:2]), int(mmdd[2:])
    year = value.year + (1 if month - value.month < -6 else -1 if month - value.month > 6 else 0)
    try:
        return date(year, month, day)
    except ValueError:
        raise Mt940Invalid(f"Line {number}: entry date {mmdd!r} is not a date (MMDD)") from None


def _statement_line(text: str, number: int) -> Mt940Line:
    first, _, rest = text.partition("\n")
    match = LINE_HEAD.match(first)
    if not match:
        raise Mt940Invalid(
            f"Line {number}: :61: {first!r} does not start with value date (YYMMDD), "
            "optional entry date (MMDD), C/D/RC/RD and an amount"
        )
    value, entry, mark, funds, amount = match.groups()
    value_date = _date(value, number, ":61: value date")
    tail = first[match.end() :]
    if not TYPE.match(tail):
        raise Mt940Invalid(
            f"Line {number}: :61: transaction type {tail[:4]!r} is not N, S or F and 3 characters"
        )
    customer, _, bank = tail[4:].partition("//")
    customer = customer.strip()
    return Mt940Line(
        line_no=number,
        value_date=value_date,
        entry_date=_entry_date(value_date, entry, number) if entry else None,
        mark=mark,
        funds_code=funds or "",
        amount=_amount(amount, number, ":61: amount"),
        type_code=tail[:4],
        customer_reference="" if customer.upper() == NONREF else customer,
        bank_reference=bank.strip(),
        supplementary=" ".join(rest.split()),
    )


def _fields(lines: Iterable[str]) -> Iterator[tuple[int, str, str]]:
    """(line number, tag, content) per field, continuation lines joined with '\\n'; the
    tag '-' marks the end of a statement. SWIFT's block wrapper ({1:…}{2:…}{4: … -}) is
    dropped."""
    tag, content, start = None, [], 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n").rstrip()
        if line.startswith("{"):
            line = line.rpartition("{4:")[2] if "{4:" in line else ""
        if line in ("-", "-}") or line.startswith("-}"):
            if tag:
                yield start, tag, "\n".join(content)
            tag = None
            yield number, "-", ""
            continue
        match = TAG.match(line)
        if match:
            if tag:
                yield start, tag, "\n".join(content)
            tag, content, start = match.group(1), [match.group(2)], number
        elif line and tag is None:
            raise Mt940Invalid(f"Line {number}: {line[:40]!r} is outside any MT940 field")
        elif line:
            content.append(line)
    if tag:
        yield start, tag, "\n".join(content)


def _close(statement: Mt940Statement) -> Mt940Statement:
    where = f"Statement {statement.reference or '?'} (line {statement.line_no})"
    for attr, tag in (("reference", ":20:"), ("account", ":25:"), ("number", ":28C:")):
        if not getattr(statement, attr):
            raise Mt940Invalid(f"{where}: it has no {tag}")
    if statement.opening is None or statement.closing is None:
        missing = ":60F:/:60M: opening" if statement.opening is None else ":62F:/:62M: closing"
        raise Mt940Invalid(f"{where}: it has no {missing} balance")
    running = statement.opening.signed
    for line in statement.lines:
        running += line.signed
        line.balance_after = running
    if running != statement.closing.signed:
        raise Mt940Invalid(
            f"{where}: opening balance {statement.opening.signed} plus its lines "
            f"({running - statement.opening.signed:+}) is {running}, "
            f"not the closing balance {statement.closing.signed}"
        )
    return statement


def statements_parse(lines: Iterable[str]) -> Iterator[Mt940Statement]:
    """Every statement of the file, each checked before it is yielded (Mt940Invalid with the
    line number otherwise). `lines`: the file's text lines (CRLF or LF)."""
    current: Mt940Statement | None = None
    seen_any = False
    for number, tag, content in _fields(lines):
        if tag == "-":
            if current is not None:
                yield _close(current)
                current = None
            continue
        if tag == "20":
            if current is not None:  # a new statement without the '-' separator
                yield _close(current)
            current = Mt940Statement(line_no=number, reference=content.strip()[:16])
            seen_any = True
            if not current.reference:
                raise Mt940Invalid(f"Line {number}: :20: is empty")
            continue
        if current is None:
            current = Mt940Statement(line_no=number)  # refused at _close: no :20:
            seen_any = True
        if tag not in KNOWN:
            raise Mt940Invalid(f"Line {number}: :{tag}: is not an MT940 statement field")
        _apply(current, tag, content, number)
    if current is not None:
        yield _close(current)
    if not seen_any:
        raise Mt940Invalid("The file holds no MT940 statement (no :20: field)")


def _apply(statement: Mt940Statement, tag: str, content: str, number: int) -> None:
    if tag == "25":
        statement.account = content.strip()
    elif tag in ("28", "28C"):
        statement.number = content.strip()
    elif tag in ("60F", "60M"):
        if statement.opening is not None:
            raise Mt940Invalid(f"Line {number}: a second opening balance in one statement")
        statement.opening = _balance(content, number, tag)
    elif tag == "61":
        if statement.opening is None or statement.closing is not None:
            raise Mt940Invalid(f"Line {number}: :61: outside the opening and closing balances")
        statement.lines.append(_statement_line(content, number))
    elif tag == "86":
        # After a :61: it is that line's information; after the closing balance it is
        # about the whole statement and is not needed.
        if statement.lines and statement.closing is None:
            last = statement.lines[-1]
            last.information = " ".join(f"{last.information} {content}".split())
    elif tag in ("62F", "62M"):
        if statement.closing is not None:
            raise Mt940Invalid(f"Line {number}: a second closing balance in one statement")
        statement.closing = _balance(content, number, tag)
    elif tag == "64":
        statement.available = _balance(content, number, tag)
    # :21: and :65: carry nothing the import uses.


REVERSED_CREDIT = "Reversal of a credit (RC): if that credit was posted, reverse the payment."
REVERSED_DEBIT = "Reversal of a debit (RD): money returned to us, not a repayment."


def line_row(line: Mt940Line) -> rules.StatementRow:
    """The normalised statement row of one :61: (+ :86:), the same the CSV reader makes."""
    narration = (line.information or line.supplementary)[:300]
    hints = (
        f"{line.information} {line.supplementary} {line.customer_reference} {line.bank_reference}"
    )
    customer = utr_folded(line.customer_reference)
    reference = (
        customer if rules.UTR_PATTERN.fullmatch(customer) and customer.isascii() else ""
    ) or rules.utr_in(narration)
    numbers = rules.account_numbers_in(hints)
    money_in = SIGN[line.mark] > 0
    return rules.StatementRow(
        txn_date=line.entry_date or line.value_date,
        value_date=line.value_date,
        narration=narration,
        reference=reference[:64],
        credit=line.amount if money_in else Decimal("0.00"),
        debit=Decimal("0.00") if money_in else line.amount,
        balance=line.balance_after,
        account_number=numbers[0] if numbers else "",
        account_count=len(numbers),
        loan_ids=tuple(rules.loan_ids_in(hints)),
        note={"RC": REVERSED_CREDIT, "RD": REVERSED_DEBIT}.get(line.mark, ""),
    )


def looks_like_mt940(head: str) -> bool:
    """The first field of the file is an MT940 tag (or SWIFT's block header)."""
    text = head.lstrip("\ufeff \r\n\t")
    return text.startswith("{1:") or bool(TAG.match(text.split("\n", 1)[0].rstrip("\r")))
