"""A borrower's own reads, kept until something that borrower can see changes.

Four in five requests on a busy day are borrowers re-reading their loans (the dashboard,
the loans API, a loan, its schedule), and each costs the same queries and serialisation
as the last time although nothing changed. `borrower_cached` keeps the answer in the cache
under a key made of the borrower's **version token**, the **global token**, today's date
(IST: arrears and "overdue" are as of last night) and what was asked; a change makes a new
token, so the next read misses and computes afresh. Nothing is ever served after the change
that made it wrong has committed.

Who changes the tokens: `audit_record`, which every write in the system goes through
(docs/architecture.md), calls `audited_change` for each successful event. Its target names
the borrower (a loan, an application, a payment, a collection case, the user themself:
found by following `borrower`/`loan`/`application`/`case`/`thread` from the target's model) and
that borrower's token changes; an event whose target leads to no borrower (a product, a
job run, a statement import, set-based trails) changes the global token, which every key
carries, so over-invalidation is the only failure mode of an unknown target. The token is
changed twice: at once, inside the writer's transaction (so the writer's own next read, and
the tests, see the change), and again after the commit (a read between the two saw the rows
before the commit and may have stored them under the first new token).

READ_CACHE_SECONDS bounds how long an answer is kept (0 turns the cache off). The cache is
Django's default cache (Redis in production, per process in the tests and the demo).
docs/operations.md, "Read cache"; the measurements are in docs/benchmarks.md, "Load".
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache as memoize

import structlog
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction

from lendingsite.redis_cache import outage_log

log = structlog.get_logger(__name__)
GLOBAL_KEY = "readcache:global"
# How a target reaches its borrower, tried in order (the first path the model has wins).
NOBODY = "nobody"
BORROWER_PATHS = (
    "borrower",
    "loan__borrower",
    "application__borrower",
    "case__loan__borrower",
    "thread__borrower",  # a message: the conversation's borrower, not every answer
)


def enabled() -> bool:
    return settings.READ_CACHE_SECONDS > 0


def _borrower_key(borrower_id) -> str:
    return f"readcache:borrower:{borrower_id}"


def _bump(keys: list[str]) -> None:
    try:
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
    except Exception:  # the write stands; a cache that missed it holds answers at most
        log.exception("readcache_token_change_failed", keys=keys)  # READ_CACHE_SECONDS


def tokens_change(keys: list[str]) -> None:
    if not keys or not enabled():
        return
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def borrowers_changed(borrower_ids: Iterable) -> None:
    tokens_change([_borrower_key(b) for b in {b for b in borrower_ids if b is not None}])


def everything_changed() -> None:
    tokens_change([GLOBAL_KEY])


@memoize
def _path_to_borrower(model) -> str | None:
    """The first of BORROWER_PATHS that exists on `model` ('' for the user model itself)."""
    if model is apps.get_model(settings.AUTH_USER_MODEL):
        return ""
    for path in BORROWER_PATHS:
        current, ok = model, True
        for name in path.split("__"):
            try:
                field = current._meta.get_field(name)
            except FieldDoesNotExist:
                ok = False
                break
            if not field.is_relation or field.many_to_many or field.one_to_many:
                ok = False
                break
            current = field.related_model
        if ok:
            return path
    return None


def _borrowers_of(model, *, target=None, target_id="") -> list | None:
    """The borrower ids a change to this object concerns; None when none can be named."""
    path = _path_to_borrower(model)
    if path is None:
        return None
    if target is not None:
        if path == "":
            return [target.pk]
        if path == "borrower":
            return [target.borrower_id]
        first = path.split("__")[0]
        related = target._state.fields_cache.get(first)  # already loaded: no query
        if related is not None and first in ("loan", "application"):
            return [related.borrower_id]
        target_id = target.pk
    if target_id in ("", None):
        # About someone who does not exist (a reset asked for an unknown address): no
        # borrower's answers change, but the same work is done as for a real one, so the
        # two answers take the same time (accounts' equal-time requests).
        return [NOBODY]
    if path == "":
        return [target_id]
    return list(model._default_manager.filter(pk=target_id).values_list(path, flat=True))


def audited_change(*, target=None, target_type: str = "", target_id="") -> None:
    """What `audit_record` calls for a successful event: change the token of the borrower
    the target concerns, or the global token when it concerns none that can be named."""
    if not enabled():
        return
    meta = getattr(target, "_meta", None)  # a model instance (or request.user, lazily)
    model = meta.model if meta is not None else None
    if model is None and target_type:
        try:
            model = apps.get_model(target_type)
        except (LookupError, ValueError):
            model = None
    borrowers = _borrowers_of(model, target=target, target_id=target_id) if model else None
    if borrowers is None:
        everything_changed()
    else:
        borrowers_changed(borrowers)


def _tokens(borrower_id, *also: str) -> tuple[str, str, dict]:
    """The global and the borrower's token (started if the cache has none), and the
    values of `also`, in one round trip when the tokens exist."""
    keys = [GLOBAL_KEY, _borrower_key(borrower_id)]
    found = cache.get_many([*keys, *also])
    if not all(key in found for key in keys):  # first read since the cache was emptied
        for key in keys:
            if key not in found:
                cache.add(key, uuid.uuid4().hex, timeout=None)
        found = cache.get_many([*keys, *also])
    return found.get(keys[0], ""), found.get(keys[1], ""), found


def borrower_cached(*, borrower_id, today: date, what: str, compute: Callable):
    """`compute()`'s value for this borrower, kept until one of their tokens changes or
    READ_CACHE_SECONDS pass. `what` names everything else the answer depends on (the
    view, the URL with its query, the format). The answer is stored with the tokens read
    before computing it, and served only while both are still current: one round trip
    to the cache for a kept answer."""
    if not enabled():
        return compute()
    digest = hashlib.sha256(f"{today.isoformat()}|{what}".encode()).hexdigest()[:32]
    key = f"readcache:answer:{borrower_id}:{digest}"
    try:
        global_token, own_token, found = _tokens(borrower_id, key)
    except Exception:  # the cache is unreachable: answer from the database
        outage_log("readcache_unavailable")
        return compute()
    if not global_token or not own_token:  # the cache is down or refused: no caching
        return compute()
    kept = found.get(key)
    if kept is not None and kept[0] == global_token and kept[1] == own_token:
        return kept[2]
    value = compute()
    try:
        cache.set(key, (global_token, own_token, value), timeout=settings.READ_CACHE_SECONDS)
    except Exception:
        outage_log("readcache_unavailable")
    return value
