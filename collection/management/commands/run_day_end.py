from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from collection.dayend.job import JOB, day_end_run
from collection.models import DayEndRun
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {text!r}") from None


class Command(BaseCommand):
    help = (
        "Run the collections day-end for one business date (default: yesterday, IST): DPD, "
        "buckets, penal charges, legal escalation, collection cases. A second run for the "
        "same date changes nothing; a crashed run is resumed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, help="business date, YYYY-MM-DD")
        parser.add_argument(
            "--force-loan",
            type=int,
            metavar="ID",
            help="process only this loan, even for a date before the last completed run",
        )
        parser.add_argument("--chunk-size", type=int, default=None)

    def handle(self, *args, **options):
        day = options["date"] or today_ist() - timedelta(days=1)
        try:
            run = day_end_run(
                business_date=day,
                force_loan_id=options["force_loan"],
                chunk_size=options["chunk_size"] or settings.DAY_END_CHUNK_SIZE,
            )
        except DomainError as exc:
            raise CommandError(f"refused: {exc.detail}") from None
        except Exception as exc:
            failed = DayEndRun.objects.filter(job=JOB, business_date=day).order_by("-id").first()
            which = f" (run {failed.pk})" if failed else ""
            raise CommandError(
                f"day-end for {day} failed{which}: {exc}; run the command again to resume"
            ) from exc
        if run.outcome == "already_completed":
            self.stdout.write(
                f"day-end for {day} already completed (run {run.pk}); nothing changed"
            )
            return
        self.stdout.write(self._summary(run))

    @staticmethod
    def _summary(run: DayEndRun) -> str:
        counts = run.counts
        penal = counts.get("penal", {})
        cases = counts.get("cases", {})
        scope = (
            f"loan #{run.forced_loan_id}" if run.forced_loan_id else f"{run.loans_processed} loans"
        )
        verb = "resumed and completed" if run.outcome == "resumed" else "completed"
        return (
            f"day-end for {run.business_date} {verb} (run {run.pk}): {scope}, "
            f"{counts.get('dpd', {}).get('bucket_changes', 0)} bucket changes, "
            f"{penal.get('charges', 0)} penal charges (₹{penal.get('amount', '0.00')}), "
            f"cases opened {cases.get('opened', 0)} / resolved {cases.get('resolved', 0)}, "
            f"escalated {counts.get('escalation', 0)}, in {run.duration_ms} ms"
        )
