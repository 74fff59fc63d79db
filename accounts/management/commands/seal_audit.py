from django.core.management.base import BaseCommand

from accounts.audit import audit_seal_pending


class Command(BaseCommand):
    help = "Seal every audit event not yet in the hash chain (the periodic task does this too)."

    def handle(self, *args, **options):
        sealed = audit_seal_pending()
        self.stdout.write(f"Sealed {sealed} audit event{'s' if sealed != 1 else ''}.")
