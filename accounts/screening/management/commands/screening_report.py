"""manage.py screening_report [--status confirmed]: the hits as CSV (default: confirmed
hits, the report for the FIU / the board: whose disbursements are frozen and why)."""

import csv

from django.core.management.base import BaseCommand

from accounts.screening.models import HitStatus, ScreeningHit


class Command(BaseCommand):
    help = "Screening hits as CSV (confirmed by default)."

    def add_arguments(self, parser):
        parser.add_argument("--status", default=HitStatus.CONFIRMED, choices=HitStatus.values)

    def handle(self, *args, status, **options):
        writer = csv.writer(self.stdout)
        writer.writerow(
            [
                "hit",
                "borrower",
                "screened_name",
                "entry",
                "matched_name",
                "score",
                "status",
                "decided_by",
                "decided_at",
                "reason",
            ]
        )
        hits = (
            ScreeningHit.objects.filter(status=status)
            .select_related("user", "decided_by")
            .order_by("id")
        )
        for hit in hits:
            writer.writerow([
                hit.pk, hit.user.email, hit.screened_name, hit.entry_key, hit.matched_name, hit.score,
                hit.status, getattr(hit.decided_by, "email", ""), hit.decided_at or "", hit.decided_reason,
            ])  # fmt: skip
