"""The canonical form of a UTR (a bank transfer's reference), the one thing every check and
every store of a UTR uses (docs/payments.md, "UTR canonical form").

    utr_canonical(" sbin 0012 3456 ") == "SBIN00123456"

1. Unicode NFKC: compatibility forms become what they look like (full-width
   "\uff21\uff22\uff23\uff11\uff12\uff13" is "ABC123"; a non-breaking space is a space).
2. Every blank removed, inside too: a UTR never contains one, and copies from bank SMSes
   and PDFs group digits ("SBIN 1181 2345 6789").
3. Then anything but printable ASCII is refused: UTRs, RRNs and receipt numbers are ASCII,
   and a look-alike from another script (Cyrillic "\u0410" for Latin "A") that NFKC leaves
   alone would otherwise make a second, different-looking key for the same transfer.
4. Upper case: banks print UTRs in capitals and treat them without case.

Hyphens, slashes and other punctuation are kept: bank UTRs never contain them, so they only
appear in references the lender writes itself (cash receipts "RCPT-001", cheque numbers),
where they are part of the number as printed.
"""

import unicodedata

from lendingsite.errors import DomainError

UTR_MAX_LENGTH = 64


def utr_folded(value: str | None) -> str:
    """Steps 1, 2 and 4 without the refusals: the key to group stored UTRs by."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def utr_canonical(value: str | None, *, field: str = "utr") -> str:
    """The canonical UTR, or DomainError validation_error naming `field`."""
    text = "".join(unicodedata.normalize("NFKC", value or "").split())
    if not text:
        raise DomainError(
            "validation_error",
            "Give the UTR or reference of the transfer.",
            errors={field: ["required"]},
        )
    if not all("\x21" <= ch <= "\x7e" for ch in text):
        message = "A UTR is written with English letters, digits and punctuation only."
        raise DomainError("validation_error", message, errors={field: [message]})
    if len(text) > UTR_MAX_LENGTH:
        raise DomainError(
            "validation_error",
            f"The UTR can be at most {UTR_MAX_LENGTH} characters.",
            errors={field: ["too long"]},
        )
    return text.upper()
