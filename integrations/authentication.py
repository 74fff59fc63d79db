"""`Authorization: Api-Key <key>` for service accounts (docs/integrators.md).

The second-factor rule (accounts.twofactor) asks staff for a code when they sign in as
people. A service account cannot sign in as a person at all (it has no password), and its
key was issued by a superuser who passed the second factor and re-authenticated to do
so; the key stands in for both factors, so this class does not ask for `mfa`. Actions
that ask for a fresh re-authentication (reauth_required) stay out of a key's reach: they
are for people.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

KEYWORD = "Api-Key"


_UNSET = object()
CACHE_ATTR = "_api_key_row"


def key_from_request(http_request):
    """The live ApiKey row of an `Authorization: Api-Key` header (None if invalid), or
    _UNSET when the header is not an API key. Looked up once per request: the idempotency
    middleware asks before the view does."""
    cached = getattr(http_request, CACHE_ATTR, _UNSET)
    if cached is not _UNSET:
        return cached
    header = get_authorization_header(http_request).split()
    if not header or header[0].decode("latin-1").lower() != KEYWORD.lower():
        return _UNSET
    row = None
    if len(header) == 2:
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        if key:
            from integrations.services.apikeys import api_key_resolve

            row = api_key_resolve(key)
    setattr(http_request, CACHE_ATTR, row)
    return row


def idempotency_client(http_request) -> str | None:
    """For lendingsite.idempotency: a key's calls share their service account's keys."""
    row = key_from_request(http_request)
    if row is _UNSET:
        return None
    return f"user:{row.user_id}" if row is not None else ""


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        row = key_from_request(request._request)
        if row is _UNSET:
            return None
        if row is None:
            raise AuthenticationFailed(
                "Invalid, expired or revoked API key (send `Authorization: Api-Key <key>`)."
            )
        return row.user, ApiKeyCredential(row)

    def authenticate_header(self, request):
        return KEYWORD


class ApiKeyCredential:
    """request.auth for a key: the audit trail names the key that acted
    (lendingsite.audit reads `audit_label`)."""

    def __init__(self, row):
        self.api_key = row
        self.audit_label = f"api key {row.prefix}"

    def get(self, name, default=None):
        # Claim lookups (reauth_at, mfa) find nothing on a key.
        return default


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "integrations.authentication.ApiKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Server-to-server key of a service account: `Authorization: Api-Key "
                "lsk_<prefix>_<secret>`. Created by a superuser (console or "
                "POST /api/v1/api-keys/), shown once."
            ),
        }
