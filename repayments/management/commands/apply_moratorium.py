"""`manage.py apply_moratorium ID [--date D]`: apply a moratorium to its loans still pending
(idempotent and resumable: run it again after a crash, it carries on where it stopped)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from loans.models import Moratorium
from repayments.services.servicing.moratoria import moratorium_run


class Command(BaseCommand):
    help = "Apply a moratorium (payment holiday) to its loans still pending."

    def add_arguments(self, parser):
        parser.add_argument("moratorium_id", type=int)
        parser.add_argument("--date", help="Business date YYYY-MM-DD (default: today in IST)")

    def handle(self, *args, moratorium_id: int, date: str | None = None, **options):
        moratorium = Moratorium.objects.filter(pk=moratorium_id).first()
        if moratorium is None:
            raise CommandError(f"No moratorium {moratorium_id}.")
        try:
            business_date = _date(date) if date else None
        except ValueError:
            raise CommandError(f"Not a date: {date!r} (use YYYY-MM-DD).") from None
        counts = moratorium_run(moratorium=moratorium, business_date=business_date)
        self.stdout.write(
            f"Moratorium {moratorium.pk} ({moratorium.name}): {counts['applied']} applied, "
            f"{counts['skipped']} skipped in this run."
        )


def _date(text: str):
    return date.fromisoformat(text)
