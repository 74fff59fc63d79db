"""Which loans a moratorium would cover (the console's moratorium page): the loans chosen
in the loan list, narrowed by product and place, or, with none chosen, every active
monthly loan of the product and place. The borrower's address is free text, so a place
is matched in it: a 6-digit PIN code as a whole number, a district or town by name."""

import re

from django.db.models import Q, QuerySet

from loans.models import Loan, LoanStatus

PIN = re.compile(r"^\d{6}$")


def moratorium_candidates(
    *, loan_ids: list[int] | None = None, product=None, place: str = ""
) -> QuerySet[Loan]:
    loans = Loan.objects.all()
    if loan_ids:
        loans = loans.filter(pk__in=loan_ids)
    else:
        loans = loans.filter(status=LoanStatus.ACTIVE, frequency="monthly")
    if product is not None:
        loans = loans.filter(product=product)
    place = (place or "").strip()
    if PIN.match(place):
        # A whole 6-digit number: 560038 must not match 5600381 or a phone number's digits.
        loans = loans.filter(borrower__profile__address__regex=rf"(^|[^0-9]){place}([^0-9]|$)")
    elif place:
        loans = loans.filter(Q(borrower__profile__address__icontains=place))
    return loans.order_by("pk")
