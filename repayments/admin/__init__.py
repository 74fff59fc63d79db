"""Payments in the officer console: the payment entry form, the "Reverse…" action, the
payment register (filters, search, CSV download of what is filtered), and read-only pages
for allocations, reversals, charges and refunds, with a refund entry form for finance, and
the cooling-off exit requests finance waits on.

Every financial field is read-only and nothing here is ever deleted. The only writes are
the entry forms and the reversal action, and each calls the same service the API calls
(repayments.services.payments); a refusal comes back as a form error in its own words.
"""

from repayments.admin import (  # noqa: F401 - registers the model admins
    charges,
    exits,
    payments,
    records,
    servicing,
)
