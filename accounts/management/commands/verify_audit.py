import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.seals import age_words, audit_seal_pending, audit_verify


class Command(BaseCommand):
    help = (
        "Walk the audit hash chain from the start. Exits 0 and prints OK when every event is "
        "sealed and matches its seal; prints WARNING when events are waiting to be sealed "
        "(exit 2 once the oldest has waited longer than --max-unsealed-minutes: sealing has "
        "stopped); exits 1 naming the first event that does not match."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seal-first",
            action="store_true",
            help="Seal pending events before verifying, so the whole trail is checked.",
        )
        parser.add_argument(
            "--max-unsealed-minutes",
            type=int,
            default=10,
            help="How long an event may wait for sealing before the exit code says so "
            "(default 10; beat seals every minute).",
        )

    def handle(self, *args, **options):
        if options["seal_first"]:
            audit_seal_pending()
        result = audit_verify()
        if result.state == "intact":
            self.stdout.write(
                f"OK: {result.verified} events verified, all sealed, head {result.head}"
            )
            return
        if result.state == "unsealed":
            age = result.unsealed_age()
            self.stdout.write(
                f"WARNING: {result.verified} events verified, head {result.head}; "
                f"{result.unsealed} not yet sealed, the oldest recorded "
                f"{timezone.localtime(result.oldest_unsealed_at):%Y-%m-%d %H:%M:%S %Z} "
                f"({age_words(age)} ago). "
                "Events are sealed every minute by beat (accounts.audit_seal) or by "
                "`manage.py seal_audit`; until then the chain does not protect them."
            )
            if age.total_seconds() > options["max_unsealed_minutes"] * 60:
                sys.exit(2)
            return
        # The exact line, with no "CommandError:" prefix, so monitoring can match on it.
        self.stderr.write(
            f"BROKEN at event {result.broken_event_id} (chain position {result.broken_seq}): "
            f"{result.reason}"
        )
        sys.exit(1)
