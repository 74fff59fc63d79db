"""The audit trail's write side, which every app may use: one helper every service calls
(`audit_record`), the decorator that records refusals after their transaction rolled back
(`refusals_audited`), and the listener registry (`audit_listen`). The hash chain over the
stored events is accounts.seals.

The platform layer names no domain app: the table events go to is the model named by
settings.AUDIT_EVENT_MODEL ("accounts.AuditEvent"), looked up in the app registry the way
Django looks up AUTH_USER_MODEL, so the model (and its migrations) stays in accounts while
lendingsite, below accounts, can still record events (docs/architecture.md).
"""

import functools
import json
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

from lendingsite import context, metrics, rawsql, readcache
from lendingsite.audit_actions import action_check
from lendingsite.errors import DomainError


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", "Done"
    DENIED = "denied", "Refused"


def audit_event_model():
    """The model audit events are stored in (settings.AUDIT_EVENT_MODEL)."""
    return apps.get_model(settings.AUDIT_EVENT_MODEL, require_ready=False)


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
):
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
    actor_repr = str(getattr(actor, "email", "") or "")
    # A call made with a server-to-server credential names it (integrations' API keys set
    # `audit_label` on request.auth), so every use of a key is attributable.
    label = getattr(getattr(ctx.request, "auth", None), "audit_label", "")
    if label and actor is not None and actor == ctx.user:
        actor_repr = f"{actor_repr} ({label})"
    event = audit_event_model()(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=actor_repr[:254],
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
    metrics.audit_observed(action=action, outcome=outcome, after=event.after)
    if outcome == AuditOutcome.SUCCESS:
        # What the borrower's cached reads showed may have changed (lendingsite.readcache).
        readcache.audited_change(target=target, target_type=target_type, target_id=target_id)
        for listener in _listeners.get(action, ()):
            listener(event=event, target=target)
    return event


def audit_record_select(
    *, action: str, target_type: str, target_id_sql: str, after_sql: str, from_sql: str, params
) -> int:
    """One audit event per row of `SELECT … FROM {from_sql}`, in one INSERT … SELECT: the
    per-row trail of a set-based job (the day-end's settled promises), whatever the number
    of rows. `target_id_sql` and `after_sql` (a JSON object: lendingsite.rawsql.
    json_object_sql) are expressions over those rows; `params` binds `from_sql`'s named
    placeholders. No actor and no request context (a job); listeners are not called per
    row: the job records its own summary event with audit_record, and a listener that
    needs the rows reads them in the same transaction. Returns how many were written."""
    if _strict():
        action_check(action)
    model = audit_event_model()
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(model._meta.get_field(name).column)
        for name in (
            "created_at",
            "actor_repr",
            "action",
            "outcome",
            "target_type",
            "target_id",
            "after",
            "user_agent",
            "request_id",
        )
    )
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns})"  # noqa: S608
        f" SELECT %(audit_now)s, '', %(audit_action)s, %(audit_outcome)s, %(audit_type)s,"
        f" CAST({target_id_sql} AS TEXT), {after_sql}, '', ''"
        f" FROM {from_sql}"
    )
    bound = {
        **params,
        "audit_now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "audit_action": action,
        "audit_outcome": AuditOutcome.SUCCESS.value,
        "audit_type": target_type,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, bound)
        written = cursor.rowcount
    if written:
        readcache.everything_changed()  # rows of many borrowers, not named one by one
    return written


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
    for key, value in kwargs.items():
        if key != "acting_user" and isinstance(value, models.Model) and value.pk is not None:
            return value
    return None
