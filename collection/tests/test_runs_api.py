"""Day-end runs where people watch them: GET /api/v1/collection/runs/ and the read-only
officer console pages (runs with their chunks, bucket history)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import AUDITOR, COLLECTIONS_MANAGER, COLLECTOR, LOAN_OFFICER
from accounts.tests.factories import UserFactory, borrower, staff
from collection.dayend import day_end_run
from collection.models import BucketHistory, DayEndRun
from collection.tests.dayend_helpers import loan_due

pytestmark = pytest.mark.django_db

RUNS = "/api/v1/collection/runs/"
JAN31 = date(2025, 1, 31)


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def three_runs() -> list[DayEndRun]:
    loan_due(JAN31)
    return [day_end_run(business_date=date(2025, 3, day), chunk_size=1) for day in (9, 10, 11)]


@pytest.mark.parametrize("role", [COLLECTIONS_MANAGER, AUDITOR, "superuser"])
def test_managers_auditors_and_superusers_list_the_runs_newest_first(role):
    runs = three_runs()
    user = UserFactory(is_superuser=True, is_staff=True) if role == "superuser" else staff(role)

    response = api(user).get(RUNS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [row["id"] for row in body["results"]] == [run.pk for run in reversed(runs)]
    row = body["results"][0]
    assert row["business_date"] == "2025-03-11"
    assert row["status"] == "completed"
    assert row["loans_processed"] == 1
    assert row["started_at"] and row["finished_at"]
    assert row["duration_ms"] == runs[-1].duration_ms
    assert row["counts"]["penal"] == {"charges": 0, "amount": "0.00"}
    # The case opened on the 9th; the next nights moved only its DPD, which is the loan's.
    assert body["results"][-1]["counts"]["cases"]["opened"] == 1
    assert row["counts"]["cases"] == {"opened": 0, "refreshed": 0, "resolved": 0}
    assert row["forced_loan"] is None and row["errors"] == []


def test_runs_are_paginated_and_filterable():
    three_runs()
    manager = staff(COLLECTIONS_MANAGER)
    page = api(manager).get(RUNS, {"page_size": 2}).json()
    assert (page["count"], len(page["results"]), bool(page["next"])) == (3, 2, True)
    assert api(manager).get(RUNS, {"status": "failed"}).json()["count"] == 0
    one = api(manager).get(RUNS, {"business_date": "2025-03-10"}).json()
    assert [row["business_date"] for row in one["results"]] == ["2025-03-10"]


def test_one_run_in_detail():
    run = three_runs()[0]
    body = api(staff(AUDITOR)).get(f"{RUNS}{run.pk}/").json()
    assert (body["id"], body["business_date"], body["counts"]["loans"]) == (
        run.pk,
        "2025-03-09",
        1,
    )


@pytest.mark.parametrize("who", [COLLECTOR, LOAN_OFFICER, "borrower"])
def test_everyone_else_is_refused(who):
    three_runs()
    user = borrower() if who == "borrower" else staff(who)
    response = api(user).get(RUNS)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "permission_denied"


def test_anonymous_is_not_authenticated():
    response = api().get(RUNS)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_runs_are_read_only_through_the_api():
    run = three_runs()[0]
    manager = api(staff(COLLECTIONS_MANAGER))
    assert manager.post(RUNS, {"business_date": "2025-03-12"}).status_code == 405
    assert manager.patch(f"{RUNS}{run.pk}/", {"status": "failed"}).status_code == 405
    assert DayEndRun.objects.get(pk=run.pk).status == "completed"


def test_the_list_query_count_does_not_grow(django_assert_max_num_queries):
    three_runs()
    client = api(staff(AUDITOR))
    with django_assert_max_num_queries(6):
        assert client.get(RUNS).status_code == 200
    for day in (12, 13, 14, 15):
        day_end_run(business_date=date(2025, 3, day))
    with django_assert_max_num_queries(6):
        assert client.get(RUNS).json()["count"] == 7


# --- officer console -----------------------------------------------------------------------


def test_a_manager_sees_runs_with_their_chunks_read_only(client, django_assert_max_num_queries):
    run = three_runs()[-1]
    client.force_login(staff(COLLECTIONS_MANAGER))

    changelist = client.get(reverse("admin:collection_dayendrun_changelist"))
    assert changelist.status_code == 200
    change_url = reverse("admin:collection_dayendrun_change", args=[run.pk])
    assert change_url in changelist.content.decode()
    page = client.get(change_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Day-end chunks" in html
    assert 'name="_save"' not in html
    chunk = run.chunks.get()
    for field, value in (("lo_id", chunk.lo_id), ("hi_id", chunk.hi_id)):
        assert re.search(rf'class="field-{field}">\s*<p>{value}</p>', html), field

    refused = client.post(
        reverse("admin:collection_dayendrun_change", args=[run.pk]), {"status": "failed"}
    )
    assert refused.status_code == 403
    assert DayEndRun.objects.get(pk=run.pk).status == "completed"
    assert client.get(reverse("admin:collection_dayendrun_add")).status_code == 403
    assert (
        client.get(reverse("admin:collection_dayendrun_delete", args=[run.pk])).status_code == 403
    )
    with django_assert_max_num_queries(12):
        client.get(reverse("admin:collection_dayendrun_changelist"))


def test_bucket_history_is_read_only_in_the_console(client):
    three_runs()
    entry = BucketHistory.objects.get()
    client.force_login(staff(COLLECTIONS_MANAGER))
    listing = client.get(reverse("admin:collection_buckethistory_changelist"))
    assert listing.status_code == 200
    assert "SMA-0" in listing.content.decode()
    change = reverse("admin:collection_buckethistory_change", args=[entry.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"to_bucket": "current"}).status_code == 403
    assert BucketHistory.objects.get().to_bucket == "SMA-0"


def test_the_runs_console_is_closed_to_collectors(client):
    three_runs()
    client.force_login(staff(COLLECTOR))
    assert client.get(reverse("admin:collection_dayendrun_changelist")).status_code == 403
