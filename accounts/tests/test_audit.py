import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from accounts.beat import PERIODIC_TASKS
from accounts.models import AuditEvent, AuditSeal, EmailToken
from accounts.roles import BORROWER, COLLECTOR, LOAN_OFFICER
from accounts.seals import (
    _SEAL_LOCK_KEY,
    GENESIS,
    audit_seal_pending,
    audit_verify,
    chain_hash,
)
from accounts.services.profile import borrower_profile_update
from accounts.services.users import user_set_roles
from accounts.tasks import audit_seal, purge_email_tokens
from accounts.tests.factories import BorrowerProfileFactory, UserFactory
from lendingsite.audit import audit_record
from lendingsite.periodic import PeriodicSpec, declared_periodic_tasks


def make_history(rounds: int = 10) -> None:
    """Audit events the way production makes them: through services."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    profile = BorrowerProfileFactory()
    clerk = UserFactory(roles=[BORROWER])
    for i in range(rounds):
        borrower_profile_update(acting_user=profile.user, profile=profile, employer=f"Employer {i}")
        user_set_roles(
            acting_user=admin, user=clerk, roles=[LOAN_OFFICER] if i % 2 == 0 else [COLLECTOR]
        )


def verify(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue().strip(), err.getvalue().strip()


def tamper(sql: str, params=()) -> None:
    """Play the attacker with database access. On PostgreSQL the append-only trigger has to
    be switched off first (superuser only), which is exactly what verify must catch."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(sql, params)
        finally:
            if connection.vendor == "postgresql":
                cur.execute("SET session_replication_role = DEFAULT")


def json_param() -> str:
    return "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


@pytest.mark.django_db
def test_verify_passes_on_a_fresh_chain_of_many_events():
    make_history(rounds=15)
    total = AuditEvent.objects.count()
    assert total >= 30
    code, out, _ = verify("--seal-first")
    head = AuditSeal.objects.order_by("-seq").first().hash
    assert code == 0
    assert out == f"OK: {total} events verified, all sealed, head {head}"
    assert AuditSeal.objects.count() == total


@pytest.mark.django_db
def test_unsealed_events_are_a_warning_with_their_count_and_age_never_ok():
    # Was "OK: 0 events verified, 243 not yet sealed": green while nothing was protected.
    make_history(rounds=2)
    total = AuditEvent.objects.count()
    oldest = AuditEvent.objects.order_by("created_at").first()
    code, out, _ = verify()
    assert code == 0  # young events: sealing is merely due
    assert out.startswith(f"WARNING: 0 events verified, head {GENESIS}; {total} not yet sealed")
    assert f"the oldest recorded {timezone.localtime(oldest.created_at):%Y-%m-%d %H:%M:%S}" in out
    assert "seconds ago" in out or "second ago" in out
    assert "OK" not in out


@pytest.mark.django_db
def test_events_left_unsealed_too_long_fail_the_check():
    make_history(rounds=1)
    audit_seal_pending()
    late = audit_record(action="test.late", target_type="test", target_id="1")
    tamper(
        "UPDATE accounts_auditevent SET created_at = %s WHERE id = %s",
        [timezone.now() - timedelta(minutes=42), late.pk],
    )
    code, out, _ = verify()
    assert code == 2
    assert "1 not yet sealed" in out and "(42 minutes ago)" in out
    assert verify("--max-unsealed-minutes", "60")[0] == 0
    assert verify("--seal-first")[:2] == (0, verify()[1])
    assert verify()[1].startswith("OK: ")


@pytest.mark.django_db
def test_seal_audit_every_keeps_sealing_new_events():
    make_history(rounds=1)
    out = io.StringIO()
    call_command("seal_audit", "--every", "0.01", "--runs", "3", stdout=out)
    assert not AuditEvent.objects.filter(seal__isnull=True).exists()
    assert out.getvalue().strip().startswith("Sealed ")


@pytest.mark.django_db
def test_seal_audit_command_reports_how_many_it_sealed():
    make_history(rounds=2)
    total = AuditEvent.objects.count()
    out = io.StringIO()
    call_command("seal_audit", stdout=out)
    assert out.getvalue().strip() == f"Sealed {total} audit events."
    out = io.StringIO()
    call_command("seal_audit", stdout=out)
    assert out.getvalue().strip() == "Sealed 0 audit events."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value"),
    [("after", '{"employer": "Someone Else"}'), ("action", "profile.viewed")],
)
def test_an_event_edited_behind_the_orm_is_found(column, value):
    make_history(rounds=5)
    audit_seal_pending()
    victim = AuditEvent.objects.filter(action="profile.updated").order_by("id")[2]
    position = victim.seal.seq
    placeholder = json_param() if column == "after" else "%s"
    tamper(
        f'UPDATE accounts_auditevent SET "{column}" = {placeholder} WHERE id = %s',
        [value, victim.pk],
    )
    code, _, err = verify()
    assert code == 1
    assert err == (
        f"BROKEN at event {victim.pk} (chain position {position}): "
        "event content does not match its sealed hash"
    )


@pytest.mark.django_db
def test_a_deleted_event_and_its_seal_are_found():
    make_history(rounds=5)
    audit_seal_pending()
    seals = list(AuditSeal.objects.order_by("seq"))
    gone, following = seals[4], seals[5]
    tamper("DELETE FROM accounts_auditseal WHERE seq = %s", [gone.seq])
    tamper("DELETE FROM accounts_auditevent WHERE id = %s", [gone.event_id])
    code, _, err = verify()
    assert code == 1
    assert err == (
        f"BROKEN at event {following.event_id} (chain position {following.seq}): "
        f"chain position {gone.seq} is missing (next found is {following.seq})"
    )


@pytest.mark.django_db
def test_a_rewritten_seal_hash_breaks_the_next_link():
    make_history(rounds=3)
    audit_seal_pending()
    seals = list(AuditSeal.objects.order_by("seq"))
    tamper("UPDATE accounts_auditseal SET hash = %s WHERE seq = %s", ["f" * 64, seals[1].seq])
    result = audit_verify()
    assert not result.ok
    assert result.broken_seq == seals[1].seq
    assert result.reason == "event content does not match its sealed hash"


@pytest.mark.django_db
def test_events_after_a_seal_wait_for_the_next_pass_and_extend_the_chain():
    make_history(rounds=3)
    first = audit_seal_pending()
    last_seq = AuditSeal.objects.order_by("-seq").first().seq
    assert first == last_seq == AuditEvent.objects.count()
    make_history(rounds=2)
    late = AuditEvent.objects.filter(seal__isnull=True).count()
    assert late > 0
    code, out, _ = verify()
    assert code == 0
    assert out.startswith(f"WARNING: {first} events verified, head ")
    assert f"; {late} not yet sealed" in out
    assert audit_seal_pending() == late
    new_positions = sorted(AuditSeal.objects.filter(seq__gt=last_seq).values_list("seq", flat=True))
    assert new_positions == list(range(last_seq + 1, last_seq + late + 1))
    code, out, _ = verify()
    assert out.startswith(f"OK: {first + late} events verified, all sealed, head ")


@pytest.mark.django_db
def test_an_event_committed_late_with_a_lower_id_is_sealed_later_not_skipped():
    low = audit_record(action="test.slow", target_type="test")
    high = audit_record(action="test.fast", target_type="test")
    # Simulate `low` committing after a seal pass: seal only `high` by hand, then run.
    AuditSeal.objects.create(seq=1, event=high, prev_hash=GENESIS, hash=chain_hash(GENESIS, high))
    assert audit_seal_pending() == 1
    assert AuditSeal.objects.get(event=low).seq == 2
    assert audit_verify().ok


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AuditEvent, AuditSeal])
def test_the_orm_refuses_updates_and_deletes(model):
    audit_record(action="test.event", target_type="test")
    audit_seal_pending()
    row = model.objects.first()
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        model.objects.all().update(pk=row.pk)
    with pytest.raises(PermissionError):
        model.objects.all().delete()
    assert model.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_auditevent SET action = 'x'",
        "DELETE FROM accounts_auditevent",
        "UPDATE accounts_auditseal SET hash = 'x'",
        "DELETE FROM accounts_auditseal",
    ],
)
def test_postgres_trigger_refuses_raw_update_and_delete(sql):
    audit_record(action="test.event", target_type="test")
    audit_seal_pending()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(sql)
    assert AuditEvent.objects.filter(action="test.event").count() == 1
    assert AuditSeal.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_and_a_sealer_lose_nothing_and_seal_once():
    writers, per_writer = 4, 30
    writing_done = threading.Event()
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(per_writer):
                with transaction.atomic():
                    audit_record(action="test.concurrent", target_type="test", target_id=f"{n}-{i}")
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            connections.close_all()

    def seal() -> None:
        try:
            while not writing_done.is_set():
                audit_seal_pending(batch_size=7)
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    sealer = threading.Thread(target=seal)
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    sealer.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    writing_done.set()
    sealer.join(timeout=120)
    assert not failures
    audit_seal_pending()

    total = AuditEvent.objects.filter(action="test.concurrent").count()
    assert total == writers * per_writer
    events = AuditEvent.objects.count()
    seals = list(AuditSeal.objects.order_by("seq").values_list("seq", "event_id"))
    assert [seq for seq, _ in seals] == list(range(1, events + 1))
    assert len({event for _, event in seals}) == events
    result = audit_verify()
    assert (result.ok, result.verified, result.unsealed) == (True, events, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_writer_does_not_wait_for_a_sealer_holding_the_chain_lock():
    lock_held, release = threading.Event(), threading.Event()

    def slow_sealer() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [_SEAL_LOCK_KEY])
                lock_held.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    sealer = threading.Thread(target=slow_sealer)
    sealer.start()
    assert lock_held.wait(timeout=10)
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL lock_timeout = '2s'")
            audit_record(action="test.unblocked", target_type="test")
    finally:
        release.set()
        sealer.join(timeout=30)
    assert AuditEvent.objects.filter(action="test.unblocked").count() == 1


# --- the periodic task and its schedule ------------------------------------------------


@pytest.mark.django_db
def test_the_seal_task_seals_and_honours_the_kill_switch(settings):
    audit_record(action="test.event", target_type="test")
    settings.CRON_ENABLED = False
    assert audit_seal.delay().get() is None
    assert AuditSeal.objects.count() == 0
    settings.CRON_ENABLED = True
    assert audit_seal.delay().get() == 1
    assert AuditSeal.objects.count() == 1


@pytest.mark.django_db
def test_purge_deletes_only_tokens_expired_over_a_week_ago():
    user = UserFactory()
    now = timezone.now()

    def token(expired_ago: timedelta, name: str) -> EmailToken:
        return EmailToken.objects.create(
            user=user, purpose="verify_email", token_hash=name * 64, expires_at=now - expired_ago
        )

    token(timedelta(days=8), "a")
    kept = [token(timedelta(days=6), "b"), token(-timedelta(hours=1), "c")]
    assert purge_email_tokens.delay().get() == 1
    assert sorted(EmailToken.objects.values_list("pk", flat=True)) == sorted(t.pk for t in kept)
    [event] = AuditEvent.objects.filter(action="auth.tokens_purged")
    assert event.after["deleted"] == 1


def test_schedules_declare_both_tasks():
    by_name = {spec.name: spec for spec in PERIODIC_TASKS}
    assert by_name["accounts.audit_seal"] == PeriodicSpec(
        name="accounts.audit_seal",
        task="accounts.tasks.audit_seal",
        interval_seconds=60,
        description="Seal new audit events into the hash chain",
    )
    purge = by_name["accounts.purge_email_tokens"]
    assert (purge.task, purge.crontab) == ("accounts.tasks.purge_email_tokens", "15 3 * * *")
    assert {s.name for s in declared_periodic_tasks(["accounts"])} == set(by_name)


def test_scheduled_task_names_are_registered_with_celery():
    from lendingsite.celery import app

    app.loader.import_default_modules()
    assert {spec.task for spec in PERIODIC_TASKS} <= set(app.tasks)


def test_listeners_hear_successes_of_their_actions_only(db):
    from accounts.models import AuditOutcome
    from lendingsite import audit

    heard = []

    @audit.audit_listen("test.thing_happened")
    def listener(*, event, target):
        heard.append((event.action, target))

    try:
        user = UserFactory()
        audit_record(action="test.thing_happened", target=user)
        audit_record(action="test.thing_happened", target=user, outcome=AuditOutcome.DENIED)
        audit_record(action="test.other_thing", target=user)
        assert heard == [("test.thing_happened", user)]
    finally:
        audit._listeners.pop("test.thing_happened")


def test_a_listener_that_raises_rolls_the_change_back(db):
    from lendingsite import audit

    @audit.audit_listen("test.failing")
    def listener(*, event, target):
        raise RuntimeError("the reaction failed")

    try:
        before = AuditEvent.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            audit_record(action="test.failing")
        assert AuditEvent.objects.count() == before
    finally:
        audit._listeners.pop("test.failing")
