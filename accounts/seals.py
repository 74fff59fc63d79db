"""The hash chain over the audit trail: sealing (`audit_seal_pending`) and checking
(`audit_verify`). Events are written by lendingsite.audit; the chain is the accounts app's,
beside its AuditEvent and AuditSeal tables.

Chain design (docs/architecture.md): events are inserted without any chain work, so two
unrelated writes never wait on each other. A periodic task seals unsealed events in id
order under one advisory lock, appending AuditSeal rows that chain SHA-256 hashes. An event
that commits late (lower id, committed after a seal pass) is simply sealed in the next pass
with a later seq; nothing is skipped because every pass takes *all* unsealed events.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from accounts.models import AuditEvent, AuditSeal

GENESIS = "0" * 64
_SEAL_LOCK_KEY = 0x1E0D_A0D1  # pg_advisory_xact_lock key for the sealer


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
