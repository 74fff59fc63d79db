"""Who is acting and from where, for the audit trail, without threading `request` through
every service signature. The middleware fills it per request; Celery tasks and commands
leave it empty (ip and user agent are then recorded as blank)."""

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    user_agent: str = ""
    path: str = ""
    # The HttpRequest itself, so the acting user is read late: DRF authenticates inside
    # the view and then sets request.user on the underlying HttpRequest.
    request: Any = None

    @property
    def user(self):
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


_EMPTY = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("lendingsite_request", default=None)


def current() -> RequestContext:
    return _current.get() or _EMPTY


def set_current(ctx: RequestContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
