from django.core.management.base import BaseCommand, CommandError

from accounts.services.profile import pii_keys_rotate
from lendingsite.errors import DomainError


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted PII column under the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, **options):
        try:
            totals = pii_keys_rotate(chunk_size=options["chunk_size"])
        except DomainError as exc:
            raise CommandError(exc.detail) from None
        self.stdout.write(
            f"Rotated {totals['values_rotated']} values in {totals['rows']} rows "
            f"({totals['already_current']} already under the first key)."
        )
