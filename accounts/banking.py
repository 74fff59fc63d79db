"""Bank account rules that need no database: IFSC format, account number shape and mask,
and the rule that decides whether the name a bank returns is the borrower's KYC name.

Name matching (docs/decisions.md, "Bank accounts"): both names are normalised (accents
and case folded, punctuation turned into spaces, honorifics such as "Mr" or "Smt" dropped)
into word lists; the names match when every word of the shorter one pairs with its own
word of the longer one, in any order, a pair being two equal words or an initial and a
word starting with that letter; the longer name may keep one word unpaired (a middle name)
when the shorter has at least two; and at least one pair is two equal whole words.
"""

import re
import unicodedata

IFSC_RE = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
ACCOUNT_NUMBER_RE = re.compile(r"^[0-9]{9,18}$")
MASK = "X"

# Titles a bank or a KYC record may put before a name; they say nothing about who it is.
# ("Kumari" is left out: it is as often a middle name as the title.)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "shri", "sri", "shree", "smt", "km"})


def ifsc_normalize(value: str | None) -> str:
    return "".join((value or "").split()).upper()


def ifsc_format_valid(value: str | None) -> bool:
    """RBI's shape: 4 letters (the bank), a zero, then 6 letters or digits (the branch)."""
    return bool(IFSC_RE.match(ifsc_normalize(value)))


def account_number_normalize(value: str | None) -> str:
    # People type account numbers in groups ("1234 5678 9012") or with dashes.
    return re.sub(r"[\s-]", "", value or "")


def account_number_valid(value: str | None) -> bool:
    """Indian bank account numbers are 9 to 18 digits."""
    return bool(ACCOUNT_NUMBER_RE.match(account_number_normalize(value)))


def account_number_mask(last4: str | None) -> str:
    """XXXXXXXX1234: the last four digits and nothing else."""
    last4 = last4 or ""
    return f"{MASK * 8}{last4}" if last4 else ""


def name_tokens(name: str | None) -> list[str]:
    """The words of a name, folded: no accents, no case, no punctuation, no honorifics."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    return [w for w in words if w not in HONORIFICS]


def _pairs(a: str, b: str) -> bool:
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def _best_pairing(short: list[str], long: list[str]) -> tuple[int, int] | None:
    """(pairs, whole-word pairs) of the pairing of every word of `short` with its own word of
    `long` that has the most whole-word pairs; None when no such pairing exists. Names are
    a few words long, so trying every assignment is cheap."""
    best = None

    def walk(i: int, used: frozenset[int], exact: int) -> None:
        nonlocal best
        if i == len(short):
            if best is None or exact > best[1]:
                best = (len(short), exact)
            return
        for j, word in enumerate(long):
            if j not in used and _pairs(short[i], word):
                walk(i + 1, used | {j}, exact + (short[i] == word and len(word) > 1))

    walk(0, frozenset(), 0)
    return best


def names_match(name_at_bank: str | None, kyc_name: str | None) -> bool:
    """Whether the account holder's name (as the bank gave it) is the KYC name."""
    a, b = name_tokens(name_at_bank), name_tokens(kyc_name)
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(long) - len(short) > (1 if len(short) >= 2 else 0):
        return False
    if len(long) > 8:  # not a person's name; and keeps the search small
        return False
    pairing = _best_pairing(short, long)
    return pairing is not None and pairing[1] >= 1
