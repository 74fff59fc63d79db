"""The audit trail: one helper every service calls (`audit_record`), the decorator that
records refusals after their transaction rolled back (`refusals_audited`), and the hash
chain (`audit_seal_pending`, `audit_verify`).

Chain design (docs/architecture.md): events are inserted without any chain work, so two
unrelated writes never wait on each other. A periodic task seals unsealed events in id
order under one advisory lock, appending AuditSeal rows that chain SHA-256 hashes. An event
that commits late (lower id, committed after a seal pass) is simply sealed in the next pass
with a later seq; nothing is skipped because every pass takes *all* unsealed events.
"""

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from accounts.models import AuditEvent, AuditOutcome, AuditSeal
from lendingsite import context, rawsql
from lendingsite.audit_actions import action_check
from lendingsite.errors import DomainError

GENESIS = "0" * 64
_SEAL_LOCK_KEY = 0x1E0D_A0D1  # pg_advisory_xact_lock key for the sealer

# What higher layers do when an action succeeds (notices to the borrower, re-scoring an
# application when its KYC changes): they register here from their AppConfig.ready(), so
# a lower app reports what happened without importing the app that reacts to it.
_listeners: dict[str, list[Callable]] = {}


def _strict() -> bool:
    """Unknown action names are refused while developing and under the tests (a typo in a
    name a listener matches would otherwise go unnoticed); production records them."""
    return settings.DEBUG or settings.DJANGO_ENV == "test"


def audit_listen(*actions: str) -> Callable:
    """Decorator: call `fn(event=..., target=...)` after every successful `audit_record`
    of one of `actions`, inside the same transaction (a rolled-back change never reacts;
    a listener that raises rolls the change back with it)."""
    if _strict():
        for action in actions:
            action_check(action)

    def decorator(fn: Callable) -> Callable:
        for action in actions:
            handlers = _listeners.setdefault(action, [])
            if fn not in handlers:
                handlers.append(fn)
        return fn

    return decorator


def _jsonable(value):
    """What the JSON column will give back, so the hash of the stored row is stable."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def audit_record(
    *,
    action: str,
    actor=None,
    target=None,
    target_type: str = "",
    target_id: str | int = "",
    before: dict | None = None,
    after: dict | None = None,
    outcome: str = AuditOutcome.SUCCESS,
) -> AuditEvent:
    """Write one audit event. `actor` defaults to the signed-in user of the current request;
    ip, user agent and request id come from the request context (blank in jobs)."""
    if _strict():
        action_check(action)
    ctx = context.current()
    if actor is None:
        actor = ctx.user
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or target.pk
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=str(getattr(actor, "email", "") or "")[:254],
        action=action,
        outcome=outcome,
        target_type=target_type,
        target_id="" if target_id is None else str(target_id),
        before=_jsonable(before),
        after=_jsonable(after),
        ip=ctx.ip,
        user_agent=ctx.user_agent,
        request_id=ctx.request_id,
    )
    # An INSERT and nothing else (the table is append-only), without the ORM's save
    # machinery: every write in the system comes through here. Inside a pipeline block
    # (payment posting) the id is not read back.
    rawsql.insert_instance(event)
    if outcome == AuditOutcome.SUCCESS:
        for listener in _listeners.get(action, ()):
            listener(event=event, target=target)
    return event


def refusals_audited(action: str) -> Callable:
    """Put above @transaction.atomic on a service: when the service refuses (raises
    DomainError) its transaction is rolled back first, then the refusal is recorded, so
    "a refusal writes nothing" and "every refused attempt is on record" both hold."""
    if _strict():
        action_check(action)

    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except DomainError as exc:
                target = kwargs.get("target_for_audit") or _first_model_arg(kwargs)
                audit_record(
                    action=action,
                    actor=kwargs.get("acting_user"),
                    target=target,
                    outcome=AuditOutcome.DENIED,
                    after={"code": exc.code, "detail": exc.detail},
                )
                raise

        return wrapper

    return decorator


def _first_model_arg(kwargs):
    from django.db.models import Model

    for key, value in kwargs.items():
        if key != "acting_user" and isinstance(value, Model) and value.pk is not None:
            return value
    return None


def canonical(event: AuditEvent) -> bytes:
    created = event.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "id": event.pk,
        "created_at": created,
        "actor_id": event.actor_id,
        "actor_repr": event.actor_repr,
        "action": event.action,
        "outcome": event.outcome,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "before": event.before,
        "after": event.after,
        "ip": event.ip,
        "user_agent": event.user_agent,
        "request_id": event.request_id,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical(event)).hexdigest()


def audit_seal_pending(*, batch_size: int = 2000) -> int:
    """Seal every event not yet sealed; returns how many. Safe to run concurrently: one
    sealer at a time holds the advisory lock (SQLite serialises writers anyway)."""
    sealed = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cur:
                    cur.execute("SELECT pg_advisory_xact_lock(%s)", [_SEAL_LOCK_KEY])
            last = AuditSeal.objects.order_by("-seq").first()
            prev_hash, seq = (last.hash, last.seq) if last else (GENESIS, 0)
            pending = list(AuditEvent.objects.filter(seal__isnull=True).order_by("id")[:batch_size])
            if not pending:
                return sealed
            seals = []
            for event in pending:
                seq += 1
                digest = chain_hash(prev_hash, event)
                seals.append(AuditSeal(seq=seq, event=event, prev_hash=prev_hash, hash=digest))
                prev_hash = digest
            AuditSeal.objects.bulk_create(seals)
            sealed += len(seals)


@dataclass
class VerifyResult:
    """`ok`: the sealed chain holds. Events not yet sealed are not protected by it: the
    verify page and command show them as a warning (`state` "unsealed"), never as intact."""

    ok: bool
    verified: int
    unsealed: int
    head: str
    broken_seq: int | None = None
    broken_event_id: int | None = None
    reason: str = ""
    oldest_unsealed_at: datetime | None = None

    @property
    def state(self) -> str:
        if not self.ok:
            return "broken"
        return "unsealed" if self.unsealed else "intact"

    def unsealed_age(self, now: datetime | None = None) -> timedelta | None:
        if self.oldest_unsealed_at is None:
            return None
        return max((now or timezone.now()) - self.oldest_unsealed_at, timedelta(0))


def _seals(chunk: int = 2000) -> Iterator[AuditSeal]:
    last = 0
    while True:
        rows = list(
            AuditSeal.objects.select_related("event").filter(seq__gt=last).order_by("seq")[:chunk]
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def audit_verify() -> VerifyResult:
    """Walk the chain from the genesis; report the first row whose hash, link or position
    does not hold."""
    prev_hash, expected_seq, verified = GENESIS, 1, 0
    for seal in _seals():
        problem = ""
        if seal.seq != expected_seq:
            problem = f"chain position {expected_seq} is missing (next found is {seal.seq})"
        elif seal.prev_hash != prev_hash:
            problem = "link to the previous row does not match"
        elif chain_hash(prev_hash, seal.event) != seal.hash:
            problem = "event content does not match its sealed hash"
        if problem:
            return VerifyResult(
                ok=False,
                verified=verified,
                unsealed=0,
                head=prev_hash,
                broken_seq=seal.seq,
                broken_event_id=seal.event_id,
                reason=problem,
            )
        prev_hash, expected_seq, verified = seal.hash, expected_seq + 1, verified + 1
    pending = AuditEvent.objects.filter(seal__isnull=True).aggregate(
        count=Count("id"), oldest=Min("created_at")
    )
    return VerifyResult(
        ok=True,
        verified=verified,
        unsealed=pending["count"],
        head=prev_hash,
        oldest_unsealed_at=pending["oldest"],
    )


def age_words(age: timedelta) -> str:
    """ "45 seconds", "12 minutes", "3 hours", "2 days": how long events have waited."""
    seconds = int(age.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
