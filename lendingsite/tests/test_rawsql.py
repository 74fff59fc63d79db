"""lendingsite.rawsql: the plain-SQL inserts behind audit_record and journal_post, and the
pipeline block payment posting runs in. On both databases; the pipeline only changes
anything on PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent
from lendingsite import rawsql
from lendingsite.audit import audit_record
from loans import ledger
from loans.models import JournalEntry, JournalLine

pytestmark = pytest.mark.django_db

LINES = [
    ledger.Line(account=ledger.BANK, debit=Decimal("1500.25"), credit=Decimal("0")),
    ledger.Line(account=ledger.LOAN_PORTFOLIO, debit=Decimal("0"), credit=Decimal("1000.00")),
    ledger.Line(account=ledger.INTEREST_INCOME, debit=Decimal("0"), credit=Decimal("500.25")),
]


def _post(**extra) -> JournalEntry:
    return ledger.journal_post(
        entry_date=date(2026, 3, 5), kind="test", lines=LINES, memo="m", reference="r", **extra
    )


def test_journal_post_writes_the_entry_and_its_lines_and_returns_its_id():
    ledger.chart_ensure()
    with CaptureQueriesContext(connection) as queries:
        entry = _post()

    stored = JournalEntry.objects.get(pk=entry.pk)
    assert (stored.entry_date, stored.kind, stored.memo, stored.reference) == (
        date(2026, 3, 5),
        "test",
        "m",
        "r",
    )
    lines = sorted(
        JournalLine.objects.filter(entry=stored).values_list(
            "account__code", "debit", "credit", "loan_id"
        )
    )
    assert lines == sorted((line.account, line.debit, line.credit, None) for line in LINES)
    # One statement for the entry and its lines on PostgreSQL, two elsewhere.
    expected = 1 if connection.vendor == "postgresql" else 2
    assert len([q for q in queries.captured_queries if "INSERT" in q["sql"]]) == expected


def test_inside_a_pipeline_the_writes_happen_but_ids_are_not_read_back():
    ledger.chart_ensure()
    with rawsql.pipeline():
        assert rawsql.in_pipeline() is (connection.vendor == "postgresql")
        entry = _post()
        event = audit_record(action="test.pipelined", target_type="test", target_id="7")
    assert rawsql.in_pipeline() is False

    if connection.vendor == "postgresql":
        assert entry.pk is None and event.pk is None
    else:
        assert entry.pk is not None and event.pk is not None
    stored = JournalEntry.objects.get(kind="test")
    assert JournalLine.objects.filter(entry=stored).count() == 3
    assert AuditEvent.objects.filter(action="test.pipelined", target_id="7").count() == 1


def test_an_error_inside_a_pipeline_propagates_and_writes_nothing():
    from django.db import transaction

    ledger.chart_ensure()
    with pytest.raises(RuntimeError), transaction.atomic(), rawsql.pipeline():
        _post()
        raise RuntimeError("refused half-way")
    assert not JournalEntry.objects.filter(kind="test").exists()


def test_audit_record_outside_a_pipeline_returns_the_stored_event():
    event = audit_record(action="test.plain", target_type="test", after={"n": Decimal("1.50")})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.after, stored.outcome) == ("test.plain", {"n": "1.50"}, "success")
    assert (event.after, event.created_at) == (stored.after, stored.created_at)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg connections only")
def test_values_inlined_binds_on_the_client_for_the_block_only():
    import psycopg

    connection.ensure_connection()
    before = connection.connection.cursor_factory
    with rawsql.values_inlined(), connection.cursor() as cursor:
        assert isinstance(cursor.cursor, psycopg.ClientCursor)
        cursor.execute("SELECT %s::int + 1", [41])
        assert cursor.fetchone() == (42,)
    assert connection.connection.cursor_factory is before
    with connection.cursor() as cursor:  # the project's default: bound by the server
        assert not isinstance(cursor.cursor, psycopg.ClientCursor)
