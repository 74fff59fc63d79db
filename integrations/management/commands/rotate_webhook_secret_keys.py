from django.core.management.base import BaseCommand

from integrations.services.endpoints import webhook_secret_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every webhook endpoint secret under the first key of WEBHOOK_SECRET_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args, **options):
        rewritten = webhook_secret_keys_rotate()
        self.stdout.write(f"Re-encrypted the secrets of {rewritten} webhook endpoint(s).")
