import sys

from django.core.management.base import BaseCommand

from accounts.audit import audit_seal_pending, audit_verify


class Command(BaseCommand):
    help = (
        "Walk the audit hash chain from the start. Exits 0 and prints OK when every sealed "
        "event matches its seal; exits 1 naming the first event that does not."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seal-first",
            action="store_true",
            help="Seal pending events before verifying, so the whole trail is checked.",
        )

    def handle(self, *args, **options):
        if options["seal_first"]:
            audit_seal_pending()
        result = audit_verify()
        if result.ok:
            self.stdout.write(
                f"OK: {result.verified} events verified, {result.unsealed} not yet sealed, "
                f"head {result.head}"
            )
            return
        # The exact line, with no "CommandError:" prefix, so monitoring can match on it.
        self.stderr.write(
            f"BROKEN at event {result.broken_event_id} (chain position {result.broken_seq}): "
            f"{result.reason}"
        )
        sys.exit(1)
