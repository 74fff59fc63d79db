"""The ledger's two entry points write the same journal rows: `journal_post` (one entry,
the services) and `journal_post_rows` (one entry per row of a set, the day-end), with
money exact to the paisa in both (never through a float)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lendingsite.rawsql import money_from_paise_sql
from loans import ledger
from loans.models import JournalEntry
from loans.tests.factories import active_loan

pytestmark = pytest.mark.django_db
ROWS = "ledger_batch_rows"
DAY = date(2026, 5, 4)
MEMO = "Overdue beyond the grace days (day-end)"
# Amounts whose paise are not exact in binary (0.29 * 100 = 28.999999999999996 as a
# float), a paisa, and the largest a money column holds (14 digits).
BOUNDARIES = [29, 57, 1, 99, 100, 1001, 123456789, 99_999_999_999_999]


@pytest.fixture
def loan():
    return active_loan()


def _stored(entry_ids: list[int]) -> list[tuple]:
    """Every stored value of the entries and their lines as the database holds it (the
    money as its own text, so a float that rounds back to the same Decimal still shows)."""
    entries = ", ".join(str(pk) for pk in entry_ids)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT e.entry_date, e.kind, e.loan_id, e.memo, e.reference, e.created_by_id,"
            " e.reverses_id, l.account_id, l.loan_id, CAST(l.debit AS TEXT),"
            " CAST(l.credit AS TEXT)"
            " FROM loans_journalentry e JOIN loans_journalline l ON l.entry_id = e.id"
            f" WHERE e.id IN ({entries}) ORDER BY e.id, l.id"
        )
        return cur.fetchall()


def _post_orm(loan, amounts: list[int]) -> list[int]:
    ids = []
    for n, paise in enumerate(amounts):
        amount = Decimal(paise).scaleb(-2)
        entry = ledger.journal_post(
            entry_date=DAY,
            kind="charge",
            loan=loan,
            memo=MEMO,
            reference=f"charge:{n}:penal",
            lines=[
                ledger.Dr(ledger.CHARGES_RECEIVABLE, amount),
                ledger.Cr(ledger.CHARGES_SUSPENSE, amount),
            ],
        )
        ids.append(entry.pk)
    return ids


def _post_batch(loan, amounts: list[int]) -> list[int]:
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {ROWS}")
        cur.execute(f"CREATE TEMP TABLE {ROWS} (n INTEGER, loan_id BIGINT, amount_paise BIGINT)")
        cur.executemany(
            f"INSERT INTO {ROWS} VALUES (%s, %s, %s)",
            [(n, loan.pk, paise) for n, paise in enumerate(amounts)],
        )
        cur.execute(
            f"CREATE TEMP TABLE {ROWS}_ids AS SELECT"
            f" {ledger.entry_ids_sql(order_by='n')} AS entry_id, n, loan_id, amount_paise"
            f" FROM {ROWS}",
        )
        posted = ledger.journal_post_rows(
            cur,
            rows=f"{ROWS}_ids",
            entry_date=DAY,
            kind="charge",
            debit=ledger.CHARGES_RECEIVABLE,
            credit=ledger.CHARGES_SUSPENSE,
            now=timezone.now(),
            memo=MEMO,
            reference_sql="'charge:' || n || ':' || %(kind)s",
            params={"kind": "penal"},
        )
        cur.execute(f"SELECT entry_id FROM {ROWS}_ids WHERE amount_paise > 0 ORDER BY n")
        ids = [row[0] for row in cur.fetchall()]
        cur.execute(f"DROP TABLE {ROWS}_ids")
        cur.execute(f"DROP TABLE {ROWS}")
    assert posted == len(ids)
    return ids


def test_the_batch_path_writes_what_journal_post_writes_at_the_paise_boundaries(loan):
    orm = _stored(_post_orm(loan, BOUNDARIES))
    batch = _stored(_post_batch(loan, BOUNDARIES))

    assert batch == orm
    assert len(batch) == 2 * len(BOUNDARIES)
    # The debit of the first entry, and the largest amount, exactly as written.
    assert [Decimal(row[9]) for row in batch[::2]] == [Decimal(p).scaleb(-2) for p in BOUNDARIES]
    entries = JournalEntry.objects.filter(kind="charge", reference="charge:0:penal")
    for entry in entries:
        assert {ln.account.code: (ln.debit, ln.credit) for ln in entry.lines.all()} == {
            ledger.CHARGES_RECEIVABLE: (Decimal("0.29"), Decimal("0.00")),
            ledger.CHARGES_SUSPENSE: (Decimal("0.00"), Decimal("0.29")),
        }


def test_rows_of_no_amount_post_nothing(loan):
    before = JournalEntry.objects.count()
    assert _post_batch(loan, [0, -5]) == []
    assert JournalEntry.objects.count() == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(amounts=st.lists(st.integers(1, 99_999_999_999_999), min_size=1, max_size=6))
def test_for_any_amounts_both_paths_store_the_same_rows(loan, amounts):
    assert _stored(_post_batch(loan, amounts)) == _stored(_post_orm(loan, amounts))


@pytest.mark.parametrize("paise", [0, 5, 29, 57, 100, 1_000_000_007, 99_999_999_999_999])
def test_paise_become_money_without_a_float(paise):
    with connection.cursor() as cur:
        cur.execute(f"SELECT {money_from_paise_sql('t.p')} FROM (SELECT %s AS p) t", [paise])
        value = cur.fetchone()[0]
    # PostgreSQL: an exact numeric; SQLite: the decimal text the ORM binds for a Decimal
    # (a float would come back as a float).
    assert not isinstance(value, float)
    assert Decimal(value) == Decimal(paise).scaleb(-2)
    assert str(Decimal(value)) == str(Decimal(paise).scaleb(-2))


def test_the_day_end_sql_divides_no_money_by_a_float():
    from collection.dayend import penal, sql

    for module in (penal, sql, ledger):
        with open(module.__file__) as source:
            assert "100.0" not in source.read(), module.__name__
