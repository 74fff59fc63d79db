"""lendingsite.readcache: a borrower's reads are kept, and every audited change to what
they show (or a job's set-based change) replaces them at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.roles import LOAN_OFFICER
from accounts.tests.factories import staff
from collection.dayend.job import day_end_run
from lendingsite import readcache
from lendingsite.audit import audit_record
from lendingsite.dates import today_ist
from loans.models import Installment, Loan
from loans.tests.factories import active_loan
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db


def reader(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json(), len(queries)


def token(borrower_id) -> str:
    return readcache._tokens(borrower_id)[1]


def tokens(borrower_id) -> tuple[str, str]:
    return readcache._tokens(borrower_id)[:2]


# --- the read side --------------------------------------------------------------------


def test_a_repeated_read_is_answered_from_the_cache_with_the_same_body():
    loan = active_loan()
    client = reader(loan.borrower)
    for path in (
        "/api/v1/loans/",
        f"/api/v1/loans/{loan.pk}/",
        f"/api/v1/loans/{loan.pk}/schedule/",
    ):
        first, computed = get(client, path)
        again, kept = get(client, path)
        assert again == first
        assert kept < computed  # the loan and installment queries are not made again


def unaudited_dpd(loan, dpd: int) -> None:
    """A change that no event reports (only a test does this): what a kept answer misses."""
    Loan.objects.filter(pk=loan.pk).update(dpd=dpd)


def test_staff_reads_are_never_kept():
    loan = active_loan()
    officer = reader(staff(LOAN_OFFICER))
    get(officer, f"/api/v1/loans/{loan.pk}/")
    unaudited_dpd(loan, 7)
    again, _ = get(officer, f"/api/v1/loans/{loan.pk}/")
    assert again["dpd"] == 7
    mine = reader(loan.borrower)
    get(mine, f"/api/v1/loans/{loan.pk}/")
    unaudited_dpd(loan, 8)
    kept, _ = get(mine, f"/api/v1/loans/{loan.pk}/")
    assert kept["dpd"] == 7  # the borrower's answer is kept (the control)


def test_the_query_string_is_part_of_what_is_kept():
    loan = active_loan()
    client = reader(loan.borrower)
    everything, _ = get(client, "/api/v1/loans/")
    closed, _ = get(client, "/api/v1/loans/?status=closed")
    assert everything["count"] == 1
    assert closed["count"] == 0


def test_a_new_day_is_computed_afresh(monkeypatch):
    """Arrears and installment statuses are as of last night: the date is in the key."""
    from loans.api import loans as api

    loan = active_loan()
    client = reader(loan.borrower)
    get(client, f"/api/v1/loans/{loan.pk}/")
    tomorrow = today_ist() + timedelta(days=1)
    monkeypatch.setattr(api, "today_ist", lambda: tomorrow)
    _, queries = get(client, f"/api/v1/loans/{loan.pk}/")
    _, kept = get(client, f"/api/v1/loans/{loan.pk}/")
    assert kept < queries


def test_off_when_the_setting_is_zero(settings):
    settings.READ_CACHE_SECONDS = 0
    loan = active_loan()
    client = reader(loan.borrower)
    get(client, f"/api/v1/loans/{loan.pk}/")
    unaudited_dpd(loan, 9)
    again, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    assert again["dpd"] == 9


# --- what changes a token -------------------------------------------------------------


def test_a_payment_is_seen_on_the_next_read():
    loan = active_loan()
    client = reader(loan.borrower)
    before, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    schedule_before, _ = get(client, f"/api/v1/loans/{loan.pk}/schedule/")
    listed_before, _ = get(client, "/api/v1/loans/")
    post_payment(loan, amount=Decimal("1000.00"), paid_on=today_ist())
    after, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    computed, _ = get(reader(staff(LOAN_OFFICER)), f"/api/v1/loans/{loan.pk}/")  # never kept
    computed.pop("notes")  # officers also see their notes
    assert after == computed
    assert Decimal(after["total_outstanding"]) < Decimal(before["total_outstanding"]) - 999
    schedule_after, _ = get(client, f"/api/v1/loans/{loan.pk}/schedule/")
    assert schedule_after != schedule_before
    listed_after, _ = get(client, "/api/v1/loans/")
    assert listed_after["results"][0]["total_outstanding"] == after["total_outstanding"]
    assert listed_before["results"][0]["total_outstanding"] == before["total_outstanding"]


def test_another_borrowers_payment_keeps_this_borrowers_answers():
    mine, theirs = active_loan(), active_loan()
    client = reader(mine.borrower)
    get(client, f"/api/v1/loans/{mine.pk}/")
    post_payment(theirs, amount=Decimal("500.00"), paid_on=today_ist())
    _, queries = get(client, f"/api/v1/loans/{mine.pk}/")
    _, fresh = get(reader(theirs.borrower), f"/api/v1/loans/{theirs.pk}/")
    assert queries < fresh  # still kept for this borrower, computed for the other


def test_the_day_end_is_seen_on_the_next_read():
    """The day-end writes arrears set-based (no event names a borrower): every answer is
    replaced (the global token)."""
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=70))
    client = reader(loan.borrower)
    before, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    assert before["dpd"] == 0
    day_end_run(business_date=today - timedelta(days=1))
    stored = Loan.objects.get(pk=loan.pk)
    assert stored.dpd > 0
    after, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    assert after["dpd"] == stored.dpd
    assert after["bucket"] == stored.bucket


def test_an_event_on_the_borrower_or_a_related_row_changes_their_token():
    loan = active_loan()
    borrower = loan.borrower
    installment = Installment.objects.filter(loan=loan).first()
    for target, kwargs in (
        (borrower, {}),
        (loan, {}),
        (None, {"target_type": "loans.loan", "target_id": loan.pk}),
        (None, {"target_type": "loans.installment", "target_id": installment.pk}),
        (Loan.objects.get(pk=loan.pk).application, {}),
    ):
        old, old_global = token(borrower.pk), tokens(borrower.pk)[0]
        readcache.audited_change(target=target, **kwargs)
        assert token(borrower.pk) != old
        assert tokens(borrower.pk)[0] == old_global  # only theirs


def test_an_event_that_names_no_borrower_changes_the_global_token():
    loan = active_loan()
    before = tokens(loan.borrower.pk)
    audit_record(action="product.updated", target=loan.product, after={})
    after = tokens(loan.borrower.pk)
    assert after[0] != before[0]
    readcache.audited_change(target_type="", target_id="")
    assert tokens(loan.borrower.pk)[0] != after[0]


def test_a_refused_attempt_changes_nothing():
    loan = active_loan()
    before = tokens(loan.borrower.pk)
    audit_record(action="auth.unlock_refused", target=loan, outcome="denied", after={})
    assert tokens(loan.borrower.pk) == before


def test_the_token_changes_again_after_the_commit(django_capture_on_commit_callbacks):
    """A read between the first change (inside the writer's transaction) and the commit
    sees the old rows and may keep them under the new token: the commit changes it again."""
    loan = active_loan()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        readcache.borrowers_changed([loan.borrower_id])
        inside = token(loan.borrower_id)
    assert len(callbacks) == 1
    callbacks[0]()
    assert token(loan.borrower_id) != inside


def test_a_cache_that_refuses_tokens_means_no_caching(monkeypatch):
    loan = active_loan()
    monkeypatch.setattr(readcache, "_tokens", lambda borrower_id, *also: ("", "", {}))
    calls = []
    for _ in range(2):
        readcache.borrower_cached(
            borrower_id=loan.borrower_id,
            today=today_ist(),
            what="x",
            compute=lambda: calls.append(1) or "answer",
        )
    assert len(calls) == 2


def test_an_unreachable_cache_answers_from_the_database_and_writes_still_stand(monkeypatch):
    class Down:
        def __getattr__(self, name):
            def refuse(*args, **kwargs):
                raise ConnectionError("redis is down")

            return refuse

    loan = active_loan()
    client = reader(loan.borrower)
    monkeypatch.setattr(readcache, "cache", Down())
    before, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    post_payment(loan, amount=Decimal("700.00"), paid_on=today_ist())
    after, _ = get(client, f"/api/v1/loans/{loan.pk}/")
    assert Decimal(after["total_outstanding"]) < Decimal(before["total_outstanding"])


def test_an_event_about_nobody_changes_no_real_token():
    """A reset asked for an address with no account: the same work as for a real one (equal
    time), but no borrower's answers and not the global token."""
    loan = active_loan()
    before = tokens(loan.borrower.pk)
    readcache.audited_change(target=None, target_type="accounts.user", target_id="")
    assert tokens(loan.borrower.pk) == before
