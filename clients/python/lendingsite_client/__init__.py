"""Python client for the Lendingsite API (docs/sdks.md).

Generated from the API's OpenAPI schema: ``lendingsite_client.generated.api`` (one module per
endpoint, with ``sync``/``sync_detailed``) and ``lendingsite_client.generated.models``.
Hand-written: the session and transport (auth, token refresh, Idempotency-Key, retries,
typed errors), pagination helpers and the webhook verifier.
"""

from ._version import API_VERSION, __version__
from .auth import ApiKeyAuth, Auth, TokenAuth, Tokens
from .errors import (
    ApiConnectionError,
    ApiError,
    AuthenticationError,
    BadRequest,
    Conflict,
    LendingsiteError,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServerError,
    Unprocessable,
)
from .generated.types import UNSET, Unset
from .pagination import iterate, pages
from .session import Lendingsite
from .transport import RetryPolicy
from .webhooks import WebhookVerificationError, WebhookVerifier

__all__ = [
    "API_VERSION",
    "UNSET",
    "ApiConnectionError",
    "ApiError",
    "ApiKeyAuth",
    "Auth",
    "AuthenticationError",
    "BadRequest",
    "Conflict",
    "Lendingsite",
    "LendingsiteError",
    "NotFound",
    "PermissionDenied",
    "RateLimited",
    "RetryPolicy",
    "ServerError",
    "TokenAuth",
    "Tokens",
    "Unprocessable",
    "Unset",
    "WebhookVerificationError",
    "WebhookVerifier",
    "__version__",
    "iterate",
    "pages",
]
