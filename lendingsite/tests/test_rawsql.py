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


@pytest.mark.parametrize("amount", ["0.00", "0.10", "1234.05", "99999999.99", "4999.99"])
def test_money_text_sql_writes_two_decimals_exactly(amount):
    # As the columns hold them: numeric(14, 2) and date on PostgreSQL; on SQLite a number
    # (a binary float for most amounts) and ISO text.
    if connection.vendor == "postgresql":
        source = "SELECT CAST(%s AS NUMERIC(14, 2)) AS x, CAST(%s AS DATE) AS d"
    else:
        source = "SELECT CAST(%s AS NUMERIC) AS x, %s AS d"
    select = f"SELECT {rawsql.money_text_sql('x')}, {rawsql.date_text_sql('d')} FROM ({source}) t"
    with connection.cursor() as cursor:
        cursor.execute(select, [Decimal(amount), "2026-12-03"])
        assert cursor.fetchone() == (amount, "2026-12-03")


def test_audit_record_select_writes_one_event_per_row():
    from lendingsite.audit import audit_record_select

    before = AuditEvent.objects.count()
    rows = "(SELECT 7 AS n UNION ALL SELECT 9) s"
    written = audit_record_select(
        action="test.row_recorded",
        target_type="test.row",
        target_id_sql="s.n",
        after_sql=rawsql.json_object_sql({"n": "s.n", "tag": "CAST(%(tag)s AS TEXT)"}),
        from_sql=rows,
        params={"tag": "batch-1"},
    )
    assert written == 2
    events = AuditEvent.objects.filter(action="test.row_recorded").order_by("target_id")
    assert [(e.target_type, e.target_id, e.after) for e in events] == [
        ("test.row", "7", {"n": 7, "tag": "batch-1"}),
        ("test.row", "9", {"n": 9, "tag": "batch-1"}),
    ]
    assert all(e.actor_id is None and e.outcome == "success" for e in events)
    assert AuditEvent.objects.count() == before + 2


def test_json_object_sql_refuses_a_key_that_is_not_a_plain_name():
    with pytest.raises(ValueError, match="plain name"):
        rawsql.json_object_sql({"a'); DROP TABLE x; --": "1"})
