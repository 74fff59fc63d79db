"""Idempotency-Key on unsafe API calls (lendingsite.idempotency): replay, reuse with another
request, in flight, per-client keys, what is not stored, expiry and purge, the key required
of API clients on payments. Real concurrency (PostgreSQL) is in
test_idempotency_concurrency.py; the dummy views are in idempotency_urls.py."""

import hashlib
import json
import threading
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import UserFactory, staff
from lendingsite.dates import today_ist
from lendingsite.idempotency import REPLAYED_HEADER
from lendingsite.models import IdempotencyRecord, IdempotencyState
from lendingsite.periodic import _registered_tasks, declared_periodic_tasks
from lendingsite.tasks import idempotency_purge
from lendingsite.tests.idempotency_urls import EFFECT_ACTION, executions, gate
from loans.models import LoanApplication
from loans.tests.factories import ProductFactory, active_loan, kyc_verified_borrower
from repayments.models import Payment

pytestmark = pytest.mark.urls("lendingsite.tests.idempotency_urls")

EFFECT = "/api/v1/test/idem/effect/"
OTHER = "/api/v1/test/idem/other/"
PAYMENTS = "/api/v1/payments/"
BODY = '{"loan": 7, "amount": "2500.00", "utr": "N123"}'
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_gate():
    executions.clear()
    gate.update(delay=0.0, hold=False, entered=threading.Event(), release=threading.Event())
    yield
    gate["release"].set()


def jwt(user) -> Client:
    return Client(
        HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}", raise_request_exception=False
    )


def anonymous(ip: str = "10.0.0.1") -> Client:
    return Client(REMOTE_ADDR=ip, raise_request_exception=False)


def send(client, key=None, *, url=EFFECT, body=BODY, method="post"):
    headers = {} if key is None else {"Idempotency-Key": key}
    return getattr(client, method)(url, data=body, content_type="application/json", headers=headers)


def effects() -> int:
    return AuditEvent.objects.filter(action=EFFECT_ACTION).count()


def problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert (body["code"], body["status"]) == (code, status) and body["detail"]
    return body


def in_flight(*, client: str, key: str, body: str = BODY, started_ago=timedelta(seconds=1)):
    now = timezone.now()
    return IdempotencyRecord.objects.create(
        client=client,
        key=key,
        method="POST",
        path=EFFECT,
        body_sha256=hashlib.sha256(body.encode()).hexdigest(),
        started_at=now - started_ago,
        expires_at=now + timedelta(hours=24),
    )


# --- replay ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_retry_replays_the_first_answer_without_running_the_view_again():
    caller = jwt(UserFactory())
    first = send(caller, "pay-7-a")
    assert first.status_code == 201
    assert REPLAYED_HEADER not in first
    assert first.json() == {"execution": 1, "method": "POST", "data": json.loads(BODY)}

    again = send(caller, "pay-7-a")
    assert again.status_code == 201
    assert again[REPLAYED_HEADER] == "true"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["Location"] == first["Location"] == "/things/1/"
    assert executions == ["effect POST"] and effects() == 1
    record = IdempotencyRecord.objects.get()
    assert (record.state, record.status_code) == (IdempotencyState.COMPLETED, 201)
    assert record.expires_at - record.completed_at == timedelta(hours=24)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "status"), [("put", 200), ("patch", 200), ("delete", 204)])
def test_every_unsafe_method_is_replayed(method, status):
    caller = anonymous()
    first = send(caller, "k1", method=method)
    again = send(caller, "k1", method=method)
    assert (first.status_code, again.status_code) == (status, status)
    assert again[REPLAYED_HEADER] == "true" and again.content == first.content
    assert executions == [f"effect {method.upper()}"] and effects() == 1


@pytest.mark.django_db
def test_a_refusal_is_stored_and_replayed_as_the_same_refusal():
    caller = anonymous()
    first = send(caller, "k1", url="/api/v1/test/idem/refusing/")
    body = problem(first, 409, "loan_not_active")
    again = send(caller, "k1", url="/api/v1/test/idem/refusing/")
    assert problem(again, 409, "loan_not_active") == body
    assert again[REPLAYED_HEADER] == "true"
    assert executions == ["refusing"]


@pytest.mark.django_db
def test_safe_methods_and_pages_ignore_the_key():
    caller = anonymous()
    for _ in range(2):
        assert caller.get(EFFECT, headers={"Idempotency-Key": "k1"}).status_code == 200
        assert caller.post("/test/idem/page/", headers={"Idempotency-Key": "k1"}).content == b"ok"
    assert executions == ["effect GET", "page"] * 2
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
def test_a_call_without_a_key_runs_every_time():
    caller = anonymous()
    assert [send(caller).json()["execution"] for _ in range(2)] == [1, 2]
    assert not IdempotencyRecord.objects.exists()


# --- the same key on another request -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "method", "body"),
    [
        (EFFECT, "post", '{"loan": 7, "amount": "2600.00", "utr": "N123"}'),
        (EFFECT, "post", BODY.replace(" ", "")),  # the raw body is compared, byte for byte
        (EFFECT, "put", BODY),
        (OTHER, "post", BODY),
        (EFFECT + "?dry_run=1", "post", BODY),
    ],
)
def test_the_same_key_on_a_different_request_is_422(url, method, body):
    caller = anonymous()
    assert send(caller, "k1").status_code == 201
    refused = send(caller, "k1", url=url, method=method, body=body)
    problem(refused, 422, "idempotency_key_reused")
    assert REPLAYED_HEADER not in refused
    assert executions == ["effect POST"] and effects() == 1


# --- in flight -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_key_still_in_flight_is_409_and_the_view_does_not_run():
    in_flight(client="ip:10.0.0.1", key="k1")
    busy = send(anonymous(), "k1")
    problem(busy, 409, "idempotency_key_in_use")
    assert busy["Retry-After"] == "1"
    # Another request under a key in flight is a client bug whatever the timing: 422.
    problem(send(anonymous(), "k1", body="{}"), 422, "idempotency_key_reused")
    assert executions == [] and IdempotencyRecord.objects.get().state == "in_flight"


@pytest.mark.django_db
def test_a_call_that_died_in_flight_is_taken_over_after_the_timeout(settings):
    settings.IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS = 300
    in_flight(client="ip:10.0.0.1", key="k1", started_ago=timedelta(seconds=301))
    resumed = send(anonymous(), "k1")
    assert resumed.status_code == 201 and REPLAYED_HEADER not in resumed
    assert executions == ["effect POST"]
    assert IdempotencyRecord.objects.get().status_code == 201


# --- whose key ------------------------------------------------------------------------


@pytest.mark.django_db
def test_keys_belong_to_one_user_whether_by_token_or_session():
    ana, ben = UserFactory(), UserFactory()
    assert send(jwt(ana), "shared").json()["execution"] == 1
    assert send(jwt(ben), "shared", body="{}").json()["execution"] == 2
    browser = Client()
    browser.force_login(ana)
    replayed = send(browser, "shared")
    assert replayed[REPLAYED_HEADER] == "true" and replayed.json()["execution"] == 1
    assert sorted(IdempotencyRecord.objects.values_list("client", flat=True)) == sorted(
        [f"user:{ana.pk}", f"user:{ben.pk}"]
    )
    assert effects() == 2


@pytest.mark.django_db
def test_anonymous_calls_are_keyed_by_the_client_ip():
    assert send(anonymous("10.0.0.1"), "k1").json()["execution"] == 1
    assert send(anonymous("10.0.0.1"), "k1")[REPLAYED_HEADER] == "true"
    other = send(anonymous("10.0.0.2"), "k1")
    assert other.json()["execution"] == 2 and REPLAYED_HEADER not in other
    assert sorted(IdempotencyRecord.objects.values_list("client", flat=True)) == [
        "ip:10.0.0.1",
        "ip:10.0.0.2",
    ]


@pytest.mark.django_db
def test_a_bearer_token_that_does_not_validate_gets_401_and_nothing_is_kept():
    forged = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    problem(send(forged, "k1"), 401, "not_authenticated")
    problem(send(forged, url=PAYMENTS), 401, "not_authenticated")
    assert executions == [] and not IdempotencyRecord.objects.exists()


# --- answers that are not kept ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "status"), [("post", 500), ("put", 503)])
def test_a_5xx_is_not_stored_so_the_retry_runs_again(method, status):
    caller = anonymous()
    for _ in range(2):
        failed = send(caller, "k1", url="/api/v1/test/idem/broken/", method=method)
        assert failed.status_code == status and REPLAYED_HEADER not in failed
    assert len(executions) == 2
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
def test_a_401_is_not_stored_so_a_signed_in_retry_runs():
    problem(send(anonymous(), "k1", url="/api/v1/test/idem/private/"), 401, "not_authenticated")
    assert not IdempotencyRecord.objects.exists()
    assert send(jwt(UserFactory()), "k1", url="/api/v1/test/idem/private/").status_code == 201
    assert executions == ["private"]


# --- the header itself ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", " ", " lead", "trail ", "a" * 256, "bell\x07", "café"])
def test_a_malformed_key_is_400(key):
    body = problem(send(anonymous(), key), 400, "validation_error")
    assert list(body["errors"]) == ["Idempotency-Key"]
    assert executions == [] and not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["a" * 255, "x", "order 42/retry:1", "5e0f0c1e-6b1d-4c8a"])
def test_well_formed_keys_are_accepted(key):
    assert send(anonymous(), key).status_code == 201
    assert IdempotencyRecord.objects.get().key == key


# --- required of API clients on payments ---------------------------------------------------


@pytest.mark.django_db
def test_api_clients_must_send_a_key_to_post_payments():
    officer = UserFactory()
    body = problem(send(jwt(officer), url=PAYMENTS), 400, "validation_error")
    assert body["errors"] == {"Idempotency-Key": ["required"]}
    assert executions == []

    assert send(jwt(officer), "pay-1", url=PAYMENTS).status_code == 201
    browser = Client()
    browser.force_login(officer)
    assert send(browser, url=PAYMENTS).status_code == 201  # pages and console: exempt
    assert send(anonymous(), url=PAYMENTS).status_code == 201  # the real view says 401
    assert send(jwt(officer), url=EFFECT).status_code == 201  # not a listed path
    assert len(executions) == 4


@pytest.mark.django_db
def test_the_required_paths_are_a_setting(settings):
    caller = jwt(UserFactory())
    settings.IDEMPOTENCY_REQUIRED_PATHS = [r"^/api/v1/test/idem/"]
    problem(send(caller, url=EFFECT), 400, "validation_error")
    assert send(caller, url=PAYMENTS).status_code == 201
    settings.IDEMPOTENCY_REQUIRED_PATHS = []
    assert send(caller, url=EFFECT).status_code == 201
    assert len(executions) == 2


# --- a real endpoint ---------------------------------------------------------------------


@pytest.mark.django_db
def test_creating_an_application_twice_with_one_key_creates_one():
    person = kyc_verified_borrower()
    product = ProductFactory()
    body = json.dumps(
        {
            "product": product.code,
            "amount": "100000.00",
            "tenure": 12,
            "purpose": "Home renovation",
            "monthly_income": "150000.00",
            "existing_emis": "0.00",
        }
    )
    url = "/api/v1/applications/"
    first = send(jwt(person), "apply-1", url=url, body=body)
    assert first.status_code == 201, first.content
    again = send(jwt(person), "apply-1", url=url, body=body)
    assert again.status_code == 201 and again[REPLAYED_HEADER] == "true"
    assert again.json() == first.json()
    changed = send(jwt(person), "apply-1", url=url, body=body.replace("100000.00", "90000.00"))
    problem(changed, 422, "idempotency_key_reused")
    assert list(LoanApplication.objects.values_list("pk", flat=True)) == [first.json()["id"]]


@pytest.mark.django_db
@pytest.mark.urls("lendingsite.urls")
def test_posting_a_payment_by_api_needs_a_key_and_posts_once():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=35))
    finance = jwt(staff(FINANCE))
    body = json.dumps(
        {
            "loan": loan.pk,
            "amount": "1000.00",
            "paid_on": today_ist().isoformat(),
            "channel": "neft",
            "utr": "N00000001",
        }
    )
    missing = problem(send(finance, url=PAYMENTS, body=body), 400, "validation_error")
    assert missing["errors"] == {"Idempotency-Key": ["required"]}
    assert not Payment.objects.exists()

    posted = send(finance, "pay-1", url=PAYMENTS, body=body)
    assert posted.status_code == 201, posted.content
    again = send(finance, "pay-1", url=PAYMENTS, body=body)
    assert again.status_code == 201 and again[REPLAYED_HEADER] == "true"
    assert again.content == posted.content
    assert list(Payment.objects.values_list("pk", flat=True)) == [posted.json()["id"]]


# --- expiry and purge -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_expired_key_is_a_new_key():
    caller = anonymous()
    assert send(caller, "k1").json()["execution"] == 1
    IdempotencyRecord.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    fresh = send(caller, "k1")
    assert fresh.json()["execution"] == 2 and REPLAYED_HEADER not in fresh
    assert send(caller, "k1")[REPLAYED_HEADER] == "true"
    assert effects() == 2 and IdempotencyRecord.objects.count() == 1


@pytest.mark.django_db
def test_the_purge_task_deletes_expired_keys_only(settings):
    caller = anonymous()
    for key in ("old", "stale", "recent"):
        send(caller, key)
    now = timezone.now()
    IdempotencyRecord.objects.filter(key="old").update(expires_at=now - timedelta(hours=1))
    IdempotencyRecord.objects.filter(key="stale").update(
        state="in_flight", status_code=None, expires_at=now - timedelta(minutes=1)
    )

    settings.CRON_ENABLED = False
    assert idempotency_purge.delay().get() is None
    assert IdempotencyRecord.objects.count() == 3
    settings.CRON_ENABLED = True
    assert idempotency_purge.delay().get() == 2
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["recent"]
    event = AuditEvent.objects.get(action="idempotency.purged")
    assert event.after["deleted"] == 2
    assert idempotency_purge.delay().get() == 0
    assert AuditEvent.objects.filter(action="idempotency.purged").count() == 1


def test_the_purge_is_scheduled_hourly():
    (spec,) = declared_periodic_tasks(["lendingsite"])
    assert (spec.name, spec.task, spec.crontab) == (
        "lendingsite.idempotency_purge",
        "lendingsite.tasks.idempotency_purge",
        "17 * * * *",
    )
    assert spec.task in _registered_tasks()
