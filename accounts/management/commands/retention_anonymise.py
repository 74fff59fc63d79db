"""manage.py retention_anonymise [--as-of YYYY-MM-DD] [--dry-run]: the retention job by
hand (beat runs it weekly through accounts.tasks.retention_anonymise)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from accounts.retention import retention_anonymise


class Command(BaseCommand):
    help = "Anonymise borrowers whose relationship ended more than RETENTION_YEARS ago."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="business date (default: today, IST)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list who is due; change nothing"
        )

    def handle(self, *args, as_of=None, dry_run=False, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError(f"--as-of must be YYYY-MM-DD, not {as_of!r}") from exc
        result = retention_anonymise(as_of=day, dry_run=dry_run)
        verb = "Due (dry run)" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} on {result['as_of']}: {len(result['anonymised'])} borrower(s) {result['anonymised']}"
        )
        if result["skipped"]:
            self.stdout.write(f"Skipped (a loan or application became open): {result['skipped']}")
