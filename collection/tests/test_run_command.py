"""manage.py run_day_end: one line per outcome (done, already done, refused, failed)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collection.dayend import penal
from collection.models import DayEndRun, RunStatus
from collection.tests.dayend_helpers import loan_due, snapshot
from loans.models import Loan

pytestmark = pytest.mark.django_db

JAN31 = date(2025, 1, 31)
COMMAND = "collection.management.commands.run_day_end"


def run_day_end(*args) -> str:
    out = StringIO()
    call_command("run_day_end", *args, stdout=out)
    return out.getvalue().strip()


def test_a_run_prints_what_it_did_and_a_second_run_says_nothing_changed():
    loan = loan_due(JAN31)

    first = run_day_end("--date", "2025-03-10")
    run = DayEndRun.objects.get()
    assert first.startswith(f"day-end for 2025-03-10 completed (run {run.pk}): 1 loans, ")
    assert "1 penal charges (₹500.00)" in first and "cases opened 1 / resolved 0" in first
    assert Loan.objects.get(pk=loan.pk).dpd == 11
    before = snapshot()

    second = run_day_end("--date", "2025-03-10")

    assert second == f"day-end for 2025-03-10 already completed (run {run.pk}); nothing changed"
    assert snapshot() == before
    assert DayEndRun.objects.count() == 1


def test_an_earlier_date_is_refused_in_one_line():
    loan_due(JAN31)
    run_day_end("--date", "2025-03-10")
    with pytest.raises(CommandError) as refused:
        run_day_end("--date", "2025-03-09")
    assert str(refused.value).startswith(
        "refused: day-end already completed for a later date (2025-03-10)"
    )
    assert DayEndRun.objects.count() == 1


def test_force_loan_runs_one_loan_for_an_earlier_date():
    forced, other = loan_due(JAN31), loan_due(JAN31)
    run_day_end("--date", "2025-03-10")

    line = run_day_end("--date", "2025-03-05", "--force-loan", str(forced.pk))

    run = DayEndRun.objects.get(forced_loan=forced)
    assert line.startswith(f"day-end for 2025-03-05 completed (run {run.pk}): loan #{forced.pk}")
    assert Loan.objects.get(pk=forced.pk).dpd == 6
    assert Loan.objects.get(pk=other.pk).dpd == 11


def test_a_failure_says_how_to_resume_and_the_next_run_resumes(monkeypatch):
    loan_due(JAN31)

    def broken(cur, params):
        raise RuntimeError("disk full")

    monkeypatch.setattr(penal, "penal_step", broken)
    with pytest.raises(CommandError) as failed:
        run_day_end("--date", "2025-03-10")
    run = DayEndRun.objects.get()
    assert str(failed.value) == (
        f"day-end for 2025-03-10 failed (run {run.pk}): disk full; run the command again to resume"
    )
    assert run.status == RunStatus.FAILED
    monkeypatch.undo()

    line = run_day_end("--date", "2025-03-10")
    assert line.startswith(f"day-end for 2025-03-10 resumed and completed (run {run.pk})")


def test_without_a_date_it_runs_yesterday(monkeypatch):
    loan_due(JAN31)
    monkeypatch.setattr(f"{COMMAND}.today_ist", lambda: date(2025, 3, 11))
    assert run_day_end().startswith("day-end for 2025-03-10 completed")


def test_a_malformed_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_day_end("--date", "10/03/2025")
    assert not DayEndRun.objects.exists()


def test_an_unknown_loan_is_refused():
    with pytest.raises(CommandError, match="refused: There is no loan #999"):
        run_day_end("--date", "2025-03-10", "--force-loan", "999")
