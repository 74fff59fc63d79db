"""manage.py screening_import --format un|uapa|ofac FILE: replace that list's entries and
re-screen every borrower (a Celery task; in-process when no broker is configured)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.screening.services import sanctions_list_import
from accounts.screening.tasks import rescreen_all_task
from lendingsite.errors import DomainError


class Command(BaseCommand):
    help = "Import a sanctions list (UN XML, MHA UAPA CSV, OFAC SDN CSV) and re-screen borrowers."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=["un", "uapa", "ofac"])
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            imported = sanctions_list_import(source=options["format"], path=path)
        except DomainError as exc:
            raise CommandError(exc.detail) from exc
        self.stdout.write(
            f"Imported {imported.entry_count} entries from {path.name} ({imported.source})."
        )
        result = rescreen_all_task.delay()
        if result.ready():
            self.stdout.write(f"Re-screened every borrower: {result.get()} new hit(s) for review.")
        else:
            self.stdout.write("Re-screening every borrower in the background.")
