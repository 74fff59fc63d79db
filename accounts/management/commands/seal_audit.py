import argparse
import time

import structlog
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from accounts.seals import audit_seal_pending

log = structlog.get_logger(__name__)


class Command(BaseCommand):
    help = (
        "Seal every audit event not yet in the hash chain (beat's accounts.audit_seal does "
        "this every minute). With --every, keep sealing on that interval: for a setup with "
        "no beat, such as ./scripts/demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Seal, then again every SECONDS, until stopped.",
        )
        # For tests: stop after this many passes.
        parser.add_argument("--runs", type=int, default=0, help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        every, runs = options["every"], options["runs"]
        done = 0
        while True:
            try:
                sealed = audit_seal_pending()
            except DatabaseError as exc:
                if not every:
                    raise
                # A locked or restarting database: try again at the next tick.
                log.warning("audit_seal_failed", error=str(exc))
                sealed = None
                close_old_connections()
            if sealed is not None and (not every or sealed):
                self.stdout.write(f"Sealed {sealed} audit event{'s' if sealed != 1 else ''}.")
            done += 1
            if not every or (runs and done >= runs):
                return
            time.sleep(every)
