"""/api/v1/collection/cases/ (API.md "Collections")."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from accounts.roles import AUDITOR, LOAN_OFFICER
from accounts.selectors import mask_phone
from accounts.tests.factories import borrower, staff
from collection.models import CaseStatus, CollectionCase, ContactLog, PromiseToPay
from collection.tests.factories_desk import CaseFactory, PromiseFactory, collector, manager
from lendingsite.dates import today_ist

pytestmark = pytest.mark.django_db
CASES = "/api/v1/collection/cases/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def assert_problem(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code
    return response.json()


def test_a_collector_lists_only_their_own_cases():
    mine = collector()
    own = [CaseFactory(assigned_to=mine, dpd=dpd) for dpd in (12, 40)]
    CaseFactory(assigned_to=collector())
    CaseFactory()  # unassigned
    PromiseFactory(case=own[0], amount="2500.00", promised_on=today_ist())

    response = api(mine).get(CASES)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert ids(response) == [own[1].pk, own[0].pk]  # worst DPD first
    row = body["results"][1]
    case = own[0]
    assert row == {
        "id": case.pk,
        "loan": case.loan_id,
        "borrower": case.loan.borrower_id,
        "borrower_name": case.loan.borrower.full_name,
        "borrower_phone": mask_phone(case.loan.borrower.profile.phone),
        "status": "open",
        "assigned_to": mine.pk,
        "opened_on": case.opened_on.isoformat(),
        "closed_on": None,
        "dpd": 12,
        "bucket": "SMA-0",
        "overdue_amount": "9000.00",
        "legal_escalated": False,
        "escalated_on": None,
        "pending_promise": {"amount": "2500.00", "promised_on": today_ist().isoformat()},
    }


def test_managers_and_auditors_see_every_case_and_filter():
    a = CaseFactory(assigned_to=collector(), dpd=10, bucket="SMA-0")
    b = CaseFactory(assigned_to=collector(), dpd=45, bucket="SMA-1", status="in_progress")
    c = CaseFactory(dpd=95, bucket="NPA", legal_escalated=True, escalated_on=today_ist())
    for user in (manager(), staff(AUDITOR)):
        client = api(user)
        assert ids(client.get(CASES)) == [c.pk, b.pk, a.pk]
        assert ids(client.get(CASES, {"bucket": "SMA-1"})) == [b.pk]
        assert ids(client.get(CASES, {"status": "open"})) == [c.pk, a.pk]
        assert ids(client.get(CASES, {"dpd_min": 30, "dpd_max": 90})) == [b.pk]
        assert ids(client.get(CASES, {"dpd_min": 91})) == [c.pk]
        assert ids(client.get(CASES, {"assigned_to": a.assigned_to_id})) == [a.pk]
        assert ids(client.get(CASES, {"legal_escalated": "true"})) == [c.pk]


def test_list_query_count_does_not_grow_with_cases(django_assert_max_num_queries):
    boss = manager()
    for _ in range(3):
        PromiseFactory(case=CaseFactory(assigned_to=collector()))
    client = api(boss)
    with django_assert_max_num_queries(6):
        small = client.get(CASES)
    for _ in range(5):
        CaseFactory(assigned_to=collector())
    with django_assert_max_num_queries(6):
        big = client.get(CASES)
    assert (small.json()["count"], big.json()["count"]) == (3, 8)


def test_non_collections_people_are_refused():
    CaseFactory()
    assert_problem(api().get(CASES), 401, "not_authenticated")
    assert_problem(api(borrower()).get(CASES), 403, "permission_denied")
    assert_problem(api(staff(LOAN_OFFICER)).get(CASES), 403, "permission_denied")


def test_case_detail_has_its_contacts_and_promises():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    client = api(mine)
    client.post(f"{CASES}{case.pk}/contacts/", {"channel": "call", "outcome": "reached"})
    client.post(
        f"{CASES}{case.pk}/promises/",
        {"amount": "3000.00", "promised_on": (today_ist() + timedelta(days=3)).isoformat()},
    )

    body = client.get(f"{CASES}{case.pk}/").json()

    assert body["status"] == "promise_to_pay"
    assert [(c["channel"], c["outcome"], c["collector"]) for c in body["contacts"]] == [
        ("call", "reached", mine.pk)
    ]
    assert [(p["amount"], p["status"]) for p in body["promises"]] == [("3000.00", "pending")]
    listed = client.get(f"{CASES}{case.pk}/promises/").json()
    assert [p["amount"] for p in listed["results"]] == ["3000.00"]


def test_another_collectors_case_is_not_found_and_untouched():
    theirs = CaseFactory(assigned_to=collector())
    client = api(collector())
    assert_problem(client.get(f"{CASES}{theirs.pk}/"), 404, "not_found")
    assert_problem(
        client.post(f"{CASES}{theirs.pk}/contacts/", {"channel": "call", "outcome": "reached"}),
        404,
        "not_found",
    )
    assert_problem(
        client.post(
            f"{CASES}{theirs.pk}/promises/",
            {"amount": "10.00", "promised_on": today_ist().isoformat()},
        ),
        404,
        "not_found",
    )
    assert not ContactLog.objects.exists() and not PromiseToPay.objects.exists()


def test_post_a_promise():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    on = today_ist() + timedelta(days=7)

    response = api(mine).post(
        f"{CASES}{case.pk}/promises/", {"amount": "4500.50", "promised_on": on.isoformat()}
    )

    assert response.status_code == 201, response.content
    body = response.json()
    promise = PromiseToPay.objects.get()
    assert body["id"] == promise.pk
    assert (body["case"], body["amount"], body["promised_on"], body["status"]) == (
        case.pk,
        "4500.50",
        on.isoformat(),
        "pending",
    )
    assert body["recorded_by"] == mine.pk and body["settled_on"] is None
    assert CollectionCase.objects.get(pk=case.pk).status == CaseStatus.PROMISE_TO_PAY


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "0.00", "promised_on": today_ist().isoformat()}, "amount"),
        ({"amount": "abc", "promised_on": today_ist().isoformat()}, "amount"),
        (
            {"amount": "10.00", "promised_on": (today_ist() - timedelta(1)).isoformat()},
            "promised_on",
        ),
        (
            {"amount": "10.00", "promised_on": (today_ist() + timedelta(31)).isoformat()},
            "promised_on",
        ),
        ({"amount": "10.00"}, "promised_on"),
    ],
)
def test_promise_refusals_are_problems(data, field):
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    body = assert_problem(
        api(mine).post(f"{CASES}{case.pk}/promises/", data), 400, "validation_error"
    )
    assert list(body["errors"]) == [field]
    assert not PromiseToPay.objects.exists()


def test_second_pending_promise_is_a_conflict():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    data = {"amount": "10.00", "promised_on": today_ist().isoformat()}
    assert api(mine).post(f"{CASES}{case.pk}/promises/", data).status_code == 201
    assert_problem(api(mine).post(f"{CASES}{case.pk}/promises/", data), 409, "invalid_state")


def test_post_a_contact():
    mine = collector()
    case = CaseFactory(assigned_to=mine)

    response = api(mine).post(
        f"{CASES}{case.pk}/contacts/",
        {"channel": "whatsapp", "outcome": "promised", "note": "Will pay on salary day"},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    contact = ContactLog.objects.get()
    assert body["id"] == contact.pk
    assert (body["case"], body["collector"], body["channel"], body["outcome"], body["note"]) == (
        case.pk,
        mine.pk,
        "whatsapp",
        "promised",
        "Will pay on salary day",
    )
    assert CollectionCase.objects.get(pk=case.pk).status == CaseStatus.IN_PROGRESS


def test_contact_refusals_are_problems():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    body = assert_problem(
        api(mine).post(f"{CASES}{case.pk}/contacts/", {"channel": "fax", "outcome": "reached"}),
        400,
        "validation_error",
    )
    assert list(body["errors"]) == ["channel"]
    closed = CaseFactory(assigned_to=mine, status=CaseStatus.CLOSED, closed_on=today_ist())
    assert_problem(
        api(mine).post(f"{CASES}{closed.pk}/contacts/", {"channel": "call", "outcome": "reached"}),
        409,
        "invalid_state",
    )
    assert not ContactLog.objects.exists()


def test_an_auditor_reads_but_cannot_record():
    case = CaseFactory(assigned_to=collector())
    body = assert_problem(
        api(staff(AUDITOR)).post(
            f"{CASES}{case.pk}/contacts/", {"channel": "call", "outcome": "reached"}
        ),
        403,
        "permission_denied",
    )
    assert "cannot record contacts" in body["detail"]
