from django.core.management.base import BaseCommand, CommandError

from lendingsite.errors import DomainError
from lendingsite.periodic import declared_periodic_tasks, periodic_tasks_install


class Command(BaseCommand):
    help = (
        "Install the periodic tasks the apps declare in <app>/beat.py into Celery "
        "beat's tables. Idempotent: run it on every release."
    )

    def handle(self, *args, **options):
        try:
            specs = declared_periodic_tasks()
        except (ImportError, TypeError, ValueError) as exc:
            raise CommandError(f"A beat module is broken: {exc}") from exc
        try:
            lines = periodic_tasks_install(specs=specs)
        except DomainError as exc:
            raise CommandError(exc.detail) from exc
        for line in lines:
            self.stdout.write(str(line))
        if not lines:
            self.stdout.write("No periodic tasks declared.")
