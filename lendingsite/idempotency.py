"""Idempotency-Key on unsafe API calls (DESIGN §5, Stripe semantics; docs/api.md "Idempotency").

A POST/PUT/PATCH/DELETE under /api/ that carries ``Idempotency-Key`` runs at most once per
(client, key) while the key is kept (IDEMPOTENCY_TTL_HOURS):

- the first call inserts an ``in_flight`` row, committed before the view runs, so that a
  concurrent retry sees it; the unique (client, key) constraint decides a race;
- the answer is then stored and replayed to a retry with ``Idempotent-Replayed: true``;
- the same key on a different method, path or body is 422 ``idempotency_key_reused``;
- the same key while the first call still runs is 409 ``idempotency_key_in_use``.

Answers that say the call never took effect are not stored, so a retry runs again: 5xx,
401 (a retry brings a fresh token) and 429 (a retry comes after the wait).

The client is the signed-in user (JWT or session) or, for anonymous calls, the client IP.
API clients (a Bearer token) must send a key on IDEMPOTENCY_REQUIRED_PATHS.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from drf_spectacular.utils import OpenApiParameter
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from lendingsite.audit import audit_record
from lendingsite.middleware import client_ip
from lendingsite.models import IdempotencyRecord, IdempotencyState
from lendingsite.problems import problem_response
from lendingsite.routes import route_accepts, route_open_to_anonymous

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# 1-255 printable ASCII characters, no surrounding blanks (proxies may strip them).
VALID_KEY = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?")
KEY_RULE = "must be 1 to 255 printable ASCII characters, without leading or trailing spaces"
# Headers that belong to the answer itself; the rest (request id, CSP...) is made afresh.
REPLAYED_HEADERS = ("Location",)
# The endpoint never began (Stripe saves nothing then): the retry must not see these again.
NOT_STORED_STATUSES = frozenset({401, 429})
PATH_LIMIT = 2048

CLAIMED, REPLAY, IN_USE, REUSED = "claimed", "replay", "in_use", "reused"

# For views' @extend_schema(parameters=[...]), so the header shows in the OpenAPI schema.
IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="1-255 printable characters; a retry with the same key replays the first "
    "answer (docs/api.md, Idempotency). Required of API clients on POST /api/v1/payments/.",
)

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Claim:
    outcome: str  # claimed | replay | in_use | reused
    record: IdempotencyRecord | None


def _ttl() -> timedelta:
    return timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)


# --- services ---------------------------------------------------------------------------
# Idempotency rows are plumbing under the API, not business facts: the view they wrap writes
# its own audit event, so claiming and storing answers are not audited (only the purge is).


@transaction.atomic
def idempotency_claim(
    *,
    client: str,
    key: str,
    method: str,
    path: str,
    body_sha256: str,
    now: datetime | None = None,
) -> Claim:
    """Insert the in-flight row for (client, key), or say why the call must not run: the
    stored answer to replay, another call still running, or a different request. Call it
    outside any transaction so the row is committed (visible to others) when it returns."""
    now = now or timezone.now()
    request = {"method": method, "path": path, "body_sha256": body_sha256}
    record = None
    # A row can vanish between our failed insert and the read (released after a 5xx,
    # expired and purged): then the insert is tried again, a bounded number of times.
    for _attempt in range(3):
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    client=client, key=key, started_at=now, expires_at=now + _ttl(), **request
                )
            return Claim(CLAIMED, record)
        except IntegrityError:
            pass
        record = IdempotencyRecord.objects.filter(client=client, key=key).first()
        if record is None:
            continue
        if record.expires_at <= now:
            IdempotencyRecord.objects.filter(pk=record.pk, expires_at__lte=now).delete()
            continue
        if not record.matches(**request):
            return Claim(REUSED, record)
        if record.state == IdempotencyState.COMPLETED:
            return Claim(REPLAY, record)
        if record.started_at > now - timedelta(
            seconds=settings.IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS
        ):
            return Claim(IN_USE, record)
        # The first call died without an answer (worker killed): the retry takes it over,
        # and the conditional update lets only one of several retries do so.
        taken = IdempotencyRecord.objects.filter(
            pk=record.pk, state=IdempotencyState.IN_FLIGHT, started_at=record.started_at
        ).update(started_at=now, expires_at=now + _ttl())
        if taken:
            record.started_at, record.expires_at = now, now + _ttl()
            return Claim(CLAIMED, record)
    return Claim(IN_USE, record)


@transaction.atomic
def idempotency_complete(
    *,
    record: IdempotencyRecord,
    status_code: int,
    content_type: str,
    headers: dict[str, str],
    body: bytes,
    now: datetime | None = None,
) -> bool:
    """Store the answer of the call that holds `record`; False if it no longer does."""
    now = now or timezone.now()
    stored = IdempotencyRecord.objects.filter(
        pk=record.pk, state=IdempotencyState.IN_FLIGHT, started_at=record.started_at
    ).update(
        state=IdempotencyState.COMPLETED,
        status_code=status_code,
        content_type=content_type,
        response_headers=headers,
        response_body=body,
        completed_at=now,
        # Kept for the full TTL after the answer exists, however long the call ran.
        expires_at=now + _ttl(),
    )
    return bool(stored)


@transaction.atomic
def idempotency_release(*, record: IdempotencyRecord) -> None:
    """Forget the key (the call did not take effect), so the client may retry with it."""
    IdempotencyRecord.objects.filter(
        pk=record.pk, state=IdempotencyState.IN_FLIGHT, started_at=record.started_at
    ).delete()


@transaction.atomic
def idempotency_purge_expired(*, now: datetime | None = None) -> int:
    """Delete keys past their expiry (answered or abandoned); returns how many."""

    now = now or timezone.now()
    deleted, _ = IdempotencyRecord.objects.filter(expires_at__lte=now).delete()
    if deleted:
        audit_record(
            action="idempotency.purged",
            actor=None,
            target_type="lendingsite.idempotencyrecord",
            after={"deleted": deleted, "expired_before": now.isoformat()},
        )
    return deleted


# --- request helpers --------------------------------------------------------------------


def bearer_user_id(request: HttpRequest) -> str | None:
    """The user id of a valid Bearer access token, else None. Only the token is checked
    (no query): a token of a user who may no longer sign in is refused by the view (401).
    simplejwt's own class: the project's subclass (accounts.authentication) only adds a
    check on the user, which this does not load."""

    auth = JWTAuthentication()
    header = auth.get_header(request)
    if header is None:
        return None
    try:
        raw = auth.get_raw_token(header)
        if raw is None:
            return None
        token = auth.get_validated_token(raw)
    except (AuthenticationFailed, TokenError):
        return None
    user_id = token.get(jwt_settings.USER_ID_CLAIM)
    return None if user_id is None else str(user_id)


def has_bearer_header(request: HttpRequest) -> bool:
    parts = request.META.get(jwt_settings.AUTH_HEADER_NAME, "").split()
    return bool(parts) and parts[0] in jwt_settings.AUTH_HEADER_TYPES


def credential_client(request: HttpRequest) -> str | None:
    """The client of another credential the API accepts (settings.
    IDEMPOTENCY_CREDENTIAL_RESOLVERS, import paths: integrations' API keys), so the
    platform names no app above it. A resolver answers None when the request does not
    carry its credential, "" when it does but the credential is invalid, else the client."""
    for path in settings.IDEMPOTENCY_CREDENTIAL_RESOLVERS:
        client = import_string(path)(request)
        if client is not None:
            return client
    return None


def request_client(request: HttpRequest) -> str | None:
    """Whose key this is, the way the API will authenticate the call: a Bearer token wins
    (as in DRF), then another API credential (a service account's key), then the session
    user, then the client IP. None for a Bearer token or key that does not validate: the
    view answers 401 and there is nothing to remember."""
    if has_bearer_header(request):
        user_id = bearer_user_id(request)
        return None if user_id is None else f"user:{user_id}"
    other = credential_client(request)
    if other is not None:
        return other or None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request) or 'unknown'}"


def key_required(request: HttpRequest) -> bool:
    """API clients must send a key on IDEMPOTENCY_REQUIRED_PATHS; browser sessions need not
    (pages and the console post forms with their own double-submit protection)."""
    if not any(re.search(pattern, request.path) for pattern in settings.IDEMPOTENCY_REQUIRED_PATHS):
        return False
    return bearer_user_id(request) is not None or bool(credential_client(request))


def request_path(request: HttpRequest) -> str:
    path = request.get_full_path()
    if len(path) <= PATH_LIMIT:
        return path
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"{path[: PATH_LIMIT - 72]}#sha256:{digest}"


def replay_response(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        bytes(record.response_body),
        status=record.status_code,
        content_type=record.content_type or None,
    )
    for name, value in record.response_headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


def _invalid_key(message: str, detail: str) -> HttpResponse:
    return problem_response("validation_error", detail, errors={HEADER: [message]})


class IdempotencyMiddleware:
    """Put after AuthenticationMiddleware (the session user is part of the client)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in UNSAFE_METHODS or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not route_accepts(request):
            return self.get_response(request)
        key = request.META.get("HTTP_IDEMPOTENCY_KEY")
        if key is None:
            if key_required(request):
                return _invalid_key(
                    "required",
                    f"{request.method} {request.path} needs an {HEADER} header from API "
                    "clients, so that a retry cannot post it twice.",
                )
            return self.get_response(request)
        if not VALID_KEY.fullmatch(key):
            return _invalid_key(KEY_RULE, f"The {HEADER} header {KEY_RULE}.")
        client = request_client(request)
        if client is None:
            return self.get_response(request)
        if client.startswith("ip:") and not route_open_to_anonymous(request):
            # An anonymous key on a route that needs a signed-in caller claims nothing:
            # the view's 401 comes first, as it would without the header.
            return self.get_response(request)

        claim = idempotency_claim(
            client=client,
            key=key,
            method=request.method,
            path=request_path(request),
            body_sha256=hashlib.sha256(request.body).hexdigest(),
        )
        if claim.outcome == REPLAY:
            log.info("idempotency_replayed", key=key, status=claim.record.status_code)
            return replay_response(claim.record)
        if claim.outcome == REUSED:
            first = claim.record
            log.warning("idempotency_key_reused", key=key)
            return problem_response(
                "idempotency_key_reused",
                f"{HEADER} {key!r} was first used for {first.method} {first.path} with a "
                "different body; send a new key for a different request.",
            )
        if claim.outcome == IN_USE:
            log.info("idempotency_key_in_use", key=key)
            response = problem_response(
                "idempotency_key_in_use",
                f"A request with {HEADER} {key!r} is still being processed; retry shortly "
                "with the same key to receive its answer.",
            )
            response["Retry-After"] = "1"
            return response

        try:
            response = self.get_response(request)
        except BaseException:
            idempotency_release(record=claim.record)
            raise
        self._remember(claim.record, response)
        return response

    @staticmethod
    def _remember(record: IdempotencyRecord, response) -> None:
        status = response.status_code
        try:
            if response.streaming or status >= 500 or status in NOT_STORED_STATUSES:
                idempotency_release(record=record)
                return
            idempotency_complete(
                record=record,
                status_code=status,
                content_type=response.get("Content-Type", ""),
                headers={h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)},
                # A view whose answer carries a secret shown once (an API key, a webhook
                # signing secret) sets `idempotency_body`: the kept copy without it.
                body=getattr(response, "idempotency_body", None) or response.content,
            )
        except DatabaseError:
            # The call itself succeeded: answer it. The row stays in flight until
            # IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS, then a retry may take it over.
            log.exception("idempotency_store_failed", record=record.pk, status=status)
