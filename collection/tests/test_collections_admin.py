"""The collections worklist, case page, assignment and read-only desk logs in the
officer console."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.roles import AUDITOR
from accounts.tests.factories import staff
from collection.models import (
    BucketHistory,
    CaseStatus,
    CollectionCase,
    CollectorScore,
    ContactLog,
    Notification,
    PromiseToPay,
)
from collection.tests.factories_desk import CaseFactory, PromiseFactory, collector, manager
from lendingsite.dates import today_ist
from lendingsite.money import format_inr

pytestmark = pytest.mark.django_db
WORKLIST = "admin:collection_collectioncase_changelist"


def signed_in(client, user):
    client.force_login(user)
    return client


def listed(response) -> list[int]:
    return [case.pk for case in response.context["cl"].result_list]


def case_page(case) -> str:
    return reverse("admin:collection_collectioncase_change", args=[case.pk])


def record_url(case, kind) -> str:
    return reverse("admin:collection_collectioncase_record", args=[case.pk, kind])


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the worklist ---------------------------------------------------------------------


def test_a_collector_sees_only_their_own_cases(client):
    mine = collector()
    own = CaseFactory(assigned_to=mine)
    theirs = CaseFactory(assigned_to=collector())
    signed_in(client, mine)

    page = client.get(reverse(WORKLIST))

    assert page.status_code == 200
    assert listed(page) == [own.pk]
    filters = [f.title for f in page.context["cl"].filter_specs]
    assert "collector" not in filters
    assert page.context["action_form"] is None  # no assignment actions for collectors
    # Someone else's case: the console says it does not exist; no record form either.
    assert client.get(case_page(theirs)).status_code == 302
    assert client.get(record_url(theirs, "contact")).status_code == 404
    assert client.post(record_url(theirs, "contact"), {"channel": "call"}).status_code == 404


def test_a_collector_sees_the_bucket_history_of_their_own_cases_only(client):
    mine = collector()
    own, theirs = CaseFactory(assigned_to=mine), CaseFactory(assigned_to=collector())
    rows = [
        BucketHistory.objects.create(
            loan=case.loan,
            business_date=today_ist(),
            from_bucket="current",
            to_bucket="SMA-0",
            dpd=1,
        )
        for case in (own, theirs)
    ]
    url = reverse("admin:collection_buckethistory_changelist")
    signed_in(client, mine)
    assert [r.pk for r in client.get(url).context["cl"].result_list] == [rows[0].pk]
    signed_in(client, manager())
    assert len(client.get(url).context["cl"].result_list) == 2


def test_manager_worklist_filters(client):
    today = today_ist()
    early = CaseFactory(assigned_to=collector(), dpd=5, bucket="SMA-0")
    mid = CaseFactory(dpd=45, bucket="SMA-1")
    late = CaseFactory(dpd=95, bucket="NPA", legal_escalated=True, escalated_on=today)
    edge = CaseFactory(dpd=30, bucket="SMA-0", status=CaseStatus.BROKEN_PROMISE)
    PromiseFactory(case=early, promised_on=today)
    PromiseFactory(case=mid, promised_on=today - timedelta(days=1))
    monday = today - timedelta(days=today.weekday())
    PromiseFactory(case=late, promised_on=monday + timedelta(days=6))
    signed_in(client, manager())

    def get(**query):
        return sorted(listed(client.get(reverse(WORKLIST), query)))

    assert get() == sorted(c.pk for c in (early, mid, late, edge))
    assert get(dpd_range="1-30") == sorted([early.pk, edge.pk])
    assert get(dpd_range="31-60") == [mid.pk]
    assert get(dpd_range="61-90") == []
    assert get(dpd_range="91+") == [late.pk]
    assert get(bucket="SMA-0") == sorted([early.pk, edge.pk])
    assert get(legal_escalated__exact="1") == [late.pk]
    assert get(collector=str(early.assigned_to_id)) == [early.pk]
    assert get(collector="none") == sorted([mid.pk, late.pk, edge.pk])
    assert get(promise_due="today") == [early.pk]
    assert get(promise_due="overdue") == sorted([mid.pk, edge.pk])
    this_week = [early.pk, late.pk] + ([mid.pk] if today > monday else [])
    assert get(promise_due="week") == sorted(this_week)


def test_worklist_query_count_does_not_grow(client, django_assert_max_num_queries):
    signed_in(client, manager())
    for _ in range(3):
        PromiseFactory(case=CaseFactory(assigned_to=collector()))
    with django_assert_max_num_queries(10):
        small = client.get(reverse(WORKLIST))
    for _ in range(6):
        CaseFactory(assigned_to=collector())
    with django_assert_max_num_queries(10):
        big = client.get(reverse(WORKLIST))
    assert (len(listed(small)), len(listed(big))) == (3, 9)


# --- bulk assignment ------------------------------------------------------------------


def assign(client, cases, **form):
    data = {"action": "assign_to_collector", "_selected_action": [str(c.pk) for c in cases]}
    return client.post(reverse(WORKLIST), {**data, **form})


def test_bulk_assign_action_asks_for_the_collector_then_assigns(client):
    cases = [CaseFactory(), CaseFactory(assigned_to=collector())]
    target = collector(email="target@example.in")
    signed_in(client, manager())

    form = assign(client, cases)
    assert form.status_code == 200
    assert form.templates[0].name == "admin/collection/collectioncase/assign.html"
    assert target in form.context["form"].fields["collector"].queryset

    done = assign(client, cases, apply="1", collector=str(target.pk))

    assert done.status_code == 302
    assert set(CollectionCase.objects.values_list("assigned_to_id", flat=True)) == {target.pk}
    assert texts(done) == ["2 of 2 cases assigned to target@example.in."]


def test_bulk_assign_refusal_is_a_form_error(client):
    closed = CaseFactory(status=CaseStatus.CLOSED, closed_on=today_ist())
    target = collector()
    signed_in(client, manager())
    page = assign(client, [closed], apply="1", collector=str(target.pk))
    assert page.status_code == 200
    assert "no longer open" in str(page.context["form"].non_field_errors())
    assert CollectionCase.objects.get(pk=closed.pk).assigned_to_id is None


def test_round_robin_action(client):
    first, second = collector(), collector()
    cases = [CaseFactory(dpd=50), CaseFactory(dpd=20)]
    signed_in(client, manager())
    data = {"action": "assign_round_robin", "_selected_action": [str(c.pk) for c in cases]}
    done = client.post(reverse(WORKLIST), data)
    assert texts(done) == ["2 unassigned case(s) assigned."]
    owners = [CollectionCase.objects.get(pk=c.pk).assigned_to_id for c in cases]
    assert owners == [first.pk, second.pk]


# --- the case page --------------------------------------------------------------------


def test_case_page_shows_loan_summary_bucket_history_and_record_forms(client):
    mine = collector()
    case = CaseFactory(assigned_to=mine, dpd=35, bucket="SMA-1")
    BucketHistory.objects.create(
        loan=case.loan,
        business_date=today_ist() - timedelta(days=5),
        from_bucket="SMA-0",
        to_bucket="SMA-1",
        dpd=31,
    )
    PromiseFactory(case=case, amount="1234.00")
    signed_in(client, mine)

    page = client.get(case_page(case))

    assert page.status_code == 200
    html = page.content.decode()
    # Money in Indian notation (lendingsite.admin.display_value), not the raw Decimal.
    assert "principal outstanding" in html and format_inr(case.loan.principal_outstanding) in html
    assert "<td>SMA-0</td><td>SMA-1</td><td>31</td>" in html
    assert "₹1,234.00" in html  # the promises inline
    assert [kind for kind, _, _ in page.context["record_forms"]] == ["contact", "promise"]
    assert record_url(case, "contact") in html and record_url(case, "promise") in html


def test_record_a_contact_and_a_promise_from_the_case_page(client):
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    signed_in(client, mine)

    done = client.post(
        record_url(case, "contact"), {"channel": "call", "outcome": "reached", "note": "ok"}
    )
    assert done.status_code == 302 and done.url == case_page(case)
    contact = ContactLog.objects.get()
    assert (contact.case, contact.collector, contact.note) == (case, mine, "ok")

    on = today_ist() + timedelta(days=4)
    done = client.post(record_url(case, "promise"), {"amount": "800.00", "promised_on": on})
    assert done.status_code == 302
    assert PromiseToPay.objects.get().promised_on == on
    assert CollectionCase.objects.get(pk=case.pk).status == CaseStatus.PROMISE_TO_PAY


def test_a_refused_promise_is_shown_in_plain_words(client):
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    signed_in(client, mine)
    page = client.post(
        record_url(case, "promise"),
        {"amount": "800.00", "promised_on": today_ist() + timedelta(days=45)},
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {"promised_on": ["too far ahead"]}
    assert not PromiseToPay.objects.exists()


def test_no_record_forms_on_a_closed_case_or_for_an_auditor(client):
    mine = collector()
    closed = CaseFactory(assigned_to=mine, status=CaseStatus.CLOSED, closed_on=today_ist())
    signed_in(client, mine)
    assert client.get(case_page(closed)).context["record_forms"] == []
    open_case = CaseFactory(assigned_to=mine)
    signed_in(client, staff(AUDITOR))
    assert client.get(case_page(open_case)).context["record_forms"] == []


# --- read-only logs -------------------------------------------------------------------


def test_scores_and_notification_log_are_read_only_for_managers(client):
    person = collector()
    CollectorScore.objects.create(
        collector=person,
        week_start=today_ist() - timedelta(days=today_ist().weekday() + 7),
        promises_made=4,
        promises_kept=3,
        amount_assigned="10000.00",
        amount_collected="2500.00",
        cases_assigned=5,
        cases_contacted=4,
    )
    case = CaseFactory(assigned_to=person)
    Notification.objects.create(
        borrower=case.loan.borrower,
        loan=case.loan,
        kind="due_today",
        channel="sms",
        body="Your EMI is due today.",
        status="held",
        not_before="2026-01-01T08:00:00+05:30",
        dedupe_key="due_today:1:sms",
    )
    signed_in(client, manager())
    scores = client.get(reverse("admin:collection_collectorscore_changelist"))
    assert scores.status_code == 200
    html = scores.content.decode()
    assert "75%" in html and "80%" in html and "25%" in html  # kept, contact, collected
    log = client.get(reverse("admin:collection_notification_changelist"))
    assert log.status_code == 200 and "due_today" in log.content.decode()
    assert not log.context["has_add_permission"]

    signed_in(client, person)
    assert client.get(reverse("admin:collection_collectorscore_changelist")).status_code == 403
    assert client.get(reverse("admin:collection_notification_changelist")).status_code == 403
