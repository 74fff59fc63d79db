"""List payments whose UTRs are the same transfer reference written differently ("abc123",
"ABC 123"): posted before UTRs had one canonical form (docs/operations.md, "UTR canonical
form"). Works before and after the migration that introduced the canonical column, so it
can be run ahead of an upgrade. Exit 0 when there are none, 1 when it lists some."""

import sys

from django.core.management.base import BaseCommand

from lendingsite.utr import utr_folded
from repayments.models import Payment


class Command(BaseCommand):
    help = "List payments whose UTRs differ only in case, blanks or character width."

    def handle(self, *args, **options):
        groups: dict[str, list[dict]] = {}
        rows = Payment.objects.order_by("id").values(
            "id", "utr", "loan_id", "amount", "paid_on", "status"
        )
        for row in rows.iterator(chunk_size=5000):
            groups.setdefault(utr_folded(row["utr"]), []).append(row)
        clashes = {key: members for key, members in groups.items() if len(members) > 1}
        if not clashes:
            self.stdout.write("No UTR was posted twice in different case or spacing.")
            return
        self.stdout.write(
            f"{len(clashes)} UTR(s) posted more than once in different case or spacing:"
        )
        for key, members in sorted(clashes.items()):
            self.stdout.write(f"{key}:")
            for m in members:
                self.stdout.write(
                    f"  payment {m['id']}  utr {m['utr']!r}  loan {m['loan_id']}  "
                    f"₹{m['amount']:,.2f} on {m['paid_on']:%Y-%m-%d}  {m['status']}"
                )
        sys.exit(1)
