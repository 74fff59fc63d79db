"""Referral codes: Crockford base32 (https://www.crockford.com/base32.html), typed by people.

A code is 11 random symbols (55 bits from `secrets`) and one check symbol, shown in groups
of four: ``7K3M-Q9TX-2HBR``. The alphabet has no I, L, O or U, and reading forgives the
usual slips: lower case, I/L read as 1, O as 0, spaces and hyphens ignored. The check
symbol (Luhn mod 32) catches every single wrong symbol and every swap of two neighbours
but 0↔Z (Luhn's one blind pair), so a mistyped code is refused at sign-up instead of
silently matching nobody.

Platform code (no app imports): accounts reads the code at sign-up, referrals issues it.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_SYMBOLS = 11
LENGTH = DATA_SYMBOLS + 1
ENTROPY_BITS = DATA_SYMBOLS * 5  # 55 ≥ 40: guessing one of a million codes takes ~2^35 tries
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "-": None, " ": None})


def check_symbol(data: str) -> str:
    """Luhn mod N over the alphabet (N = 32): the symbol that makes the sum divisible."""
    total, factor = 0, 2
    for char in reversed(data):
        addend = factor * _VALUE[char]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def generate() -> str:
    """A new code in canonical form (no hyphens)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_SYMBOLS))
    return data + check_symbol(data)


def canonical(typed: str) -> str | None:
    """The code a person typed in canonical form, or None when it cannot be a code (wrong
    length, a symbol outside the alphabet, a check symbol that does not match)."""
    code = (typed or "").upper().translate(_READ_AS)
    if len(code) != LENGTH or any(c not in _VALUE for c in code):
        return None
    if check_symbol(code[:-1]) != code[-1]:
        return None
    return code


def display(code: str) -> str:
    """Canonical form in groups of four, as pages show it."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
