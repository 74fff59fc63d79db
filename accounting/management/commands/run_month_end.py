from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounting.close.job import month_end_run
from accounting.models import MonthEndRun, RunKind
from lendingsite.errors import DomainError
from lendingsite.switches import switch_is_on


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {text!r}") from None


class Command(BaseCommand):
    help = (
        "Close the books for a month-end date: interest accrual, NPA income reversal, asset "
        "classification and provisions (--accrual-only: accrue interest for any date). A "
        "second run for the same date changes nothing; a crashed run is resumed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, required=True, help="YYYY-MM-DD")
        parser.add_argument("--accrual-only", action="store_true")
        parser.add_argument("--chunk-size", type=int, default=None)

    def handle(self, *args, **options):
        day = options["date"]
        kind = RunKind.ACCRUAL if options["accrual_only"] else RunKind.CLOSE
        if not switch_is_on("MONTH_END_ENABLED"):
            raise CommandError("refused: MONTH_END_ENABLED is off (the close's kill switch)")
        try:
            run = month_end_run(
                business_date=day,
                kind=kind,
                chunk_size=options["chunk_size"] or settings.MONTH_END_CHUNK_SIZE,
            )
        except DomainError as exc:
            raise CommandError(f"refused: {exc.detail}") from None
        except Exception as exc:
            failed = MonthEndRun.objects.filter(kind=kind, business_date=day).first()
            which = f" (run {failed.pk})" if failed else ""
            raise CommandError(
                f"{kind} for {day} failed{which}: {exc}; run the command again to resume"
            ) from exc
        label = "close" if kind == RunKind.CLOSE else "accrual"
        if run.outcome == "already_completed":
            self.stdout.write(
                f"{label} for {day} already completed (run {run.pk}); nothing changed"
            )
            return
        counts = run.counts
        accrual = counts.get("accrual", {})
        provision = counts.get("provision", {})
        verb = "resumed and completed" if run.outcome == "resumed" else "completed"
        line = (
            f"{label} for {day} {verb} (run {run.pk}): {run.loans_processed} loans, "
            f"accrued ₹{accrual.get('accrued', {}).get('amount', '0.00')}, "
            f"suspended ₹{accrual.get('suspended', {}).get('amount', '0.00')}, "
            f"released ₹{accrual.get('released', {}).get('amount', '0.00')}"
        )
        if provision:
            line += (
                f", provision required ₹{provision.get('required', '0.00')} "
                f"(+₹{provision.get('provided', {}).get('amount', '0.00')} / "
                f"-₹{provision.get('written_back', {}).get('amount', '0.00')})"
            )
        self.stdout.write(f"{line}, in {run.duration_ms} ms")
