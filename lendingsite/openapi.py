"""What the OpenAPI schema says about every operation, from the rules that make the answers.

The views describe their success answers; the refusals come from layers every view shares
(authentication, throttles, the strict parsers, Idempotency-Key, the object lookup), so they
are documented here, once, from the same facts: every 4xx is ``application/problem+json``
with the ``Problem`` component, and an operation lists the statuses those layers and its own
rules can give it. ``lendingsite/tests/test_openapi.py`` holds the schema to the answers, and
schemathesis (``scripts/api-fuzz``) holds the running app to the schema.
"""

from drf_spectacular.openapi import AutoSchema

from lendingsite.errors import PROBLEM_CODES
from lendingsite.idempotency import HEADER as IDEMPOTENCY_HEADER
from lendingsite.problems import CONTENT_TYPE

UNSAFE = frozenset({"post", "put", "patch", "delete"})
# The Idempotency-Key rule (lendingsite.idempotency.VALID_KEY) as a JSON-schema pattern.
IDEMPOTENCY_KEY_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": 255,
    "pattern": r"^[\x21-\x7e]([\x20-\x7e]{0,253}[\x21-\x7e])?$",
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details. `code` is stable; `detail` is for people.",
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "problems base + code"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "code": {"type": "string", "enum": sorted(PROBLEM_CODES)},
        "errors": {
            "type": "object",
            "description": "validation_error / invalid_body: messages per field "
            "(nested fields by path, e.g. `items.0.name`)",
            "additionalProperties": True,
        },
        "request_id": {"type": "string", "description": "on 5xx: quote it when reporting"},
    },
    "required": ["type", "title", "status", "detail", "code"],
    "additionalProperties": True,
    "example": {
        "type": "https://lendingsite.example/problems/duplicate_utr",
        "title": "Duplicate UTR",
        "status": 409,
        "detail": "A payment with this UTR is already posted.",
        "code": "duplicate_utr",
    },
}

WHY = {
    400: "Invalid input: `validation_error` (with `errors` per field), `parse_error`, "
    "`invalid_body` (size, nesting, NUL bytes).",
    401: "`not_authenticated`: no credentials, or a bad or expired token; staff: "
    "`mfa_required` / `otp_invalid` (second factor), `reauth_required` (approve, disburse, "
    "reverse, waive need a fresh `POST /api/v1/auth/reauth/`).",
    403: "The caller may not do this: `permission_denied`, `protected_field`, "
    "`staff_cannot_borrow`, `maker_checker`, `email_not_verified`.",
    404: "`not_found`: no such object, or one the caller may not see.",
    406: "`not_acceptable`: the Accept header asks for nothing the API can write.",
    409: "The rules said no in the object's present state (`invalid_state`, `duplicate_utr`, "
    "`loan_not_active`, …) or `idempotency_key_in_use`.",
    410: "`gone`: the operation has been withdrawn; see its description.",
    415: "`unsupported_media_type`: send JSON (or the form types listed).",
    422: "Well-formed but refused by a rule (`amount_out_of_range`, `backdated`, "
    "`future_dated`, `invalid_token`) or `idempotency_key_reused`.",
    429: "`throttled` (or `account_locked`, `upload_limit`): wait `Retry-After` seconds.",
}


def _statuses(path: str, method: str, operation: dict) -> set[int]:
    statuses = {400, 401, 403, 406, 429}
    parameters = {p.get("name") for p in operation.get("parameters", [])}
    if "{" in path or "page" in parameters:  # no such object / a page past the end
        statuses.add(404)
    if method in UNSAFE:
        # Every unsafe call may carry an Idempotency-Key (409 in use, 422 reused).
        statuses |= {409, 422}
        if "requestBody" in operation:
            statuses.add(415)
    return statuses


def _problem_response(status: int, existing: dict | None) -> dict:
    described = (existing or {}).get("description", "")
    generic = not described or described.startswith("problem+json")
    response = {
        "description": WHY.get(status, "See `code`.") if generic else described,
        "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if status == 429:
        response["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}
        }
    if status == 401:
        response["headers"] = {
            "WWW-Authenticate": {"schema": {"type": "string"}, "description": "the challenge"}
        }
    return response


# gunicorn answers a request line over 4,094 bytes itself, in HTML, before the application.
URI_TOO_LONG = {
    "description": "Request line too long: refused by the web server before the API.",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


def _idempotency_parameter(operation: dict) -> None:
    parameters = operation.setdefault("parameters", [])
    for parameter in parameters:
        if parameter.get("in") == "header" and parameter.get("name") == IDEMPOTENCY_HEADER:
            parameter["schema"] = dict(IDEMPOTENCY_KEY_SCHEMA)
            return
    parameters.append(
        {
            "in": "header",
            "name": IDEMPOTENCY_HEADER,
            "required": False,
            "schema": dict(IDEMPOTENCY_KEY_SCHEMA),
            "description": "A retry with the same key replays the first answer "
            "(`Idempotent-Replayed: true`); docs/api.md, Idempotency.",
        }
    )


def problem_responses(result, generator, request, public):
    """POSTPROCESSING_HOOK: the Problem component and the refusals on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in {"get", "put", "post", "patch", "delete", "head", "options"}:
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(_statuses(path, method, operation)):
                responses[str(status)] = _problem_response(status, responses.get(str(status)))
            responses["414"] = URI_TOO_LONG
            for key in list(responses):
                if key.isdigit() and int(key) >= 400 and "content" not in responses[key]:
                    responses[key] = _problem_response(int(key), responses[key])
            if method in UNSAFE:
                _idempotency_parameter(operation)
            if operation.get("operationId") in SUMMARIES:
                operation["summary"] = SUMMARIES[operation["operationId"]]
    return result


# Handlers whose docstring describes a group (the auth views share one class docstring) or
# two methods at once (a GET/POST action): their line for Swagger's list, by operationId.
SUMMARIES = {
    "auth_register_create": "Register a borrower account (email verification follows)",
    "auth_token_create": "Sign in: an access and a refresh token",
    "auth_token_refresh_create": "A new token pair for a refresh token (the old one dies)",
    "auth_logout_create": "Sign out: the refresh token stops working",
    "auth_password_reset_create": "Ask for a password-reset email",
    "auth_password_reset_confirm_create": "Set a new password with the emailed token",
    "auth_verify_email_create": "Verify the email address with the emailed token",
    "auth_verify_email_resend_create": "Send the verification email again",
    "collection_cases_contacts_list": "The case's contact log, newest first",
    "collection_cases_contacts_create": "Log a contact with the borrower on this case",
    "collection_cases_promises_list": "The case's promises to pay, newest first",
    "collection_cases_promises_create": "Record the borrower's promise to pay",
    "kyc_documents_file_retrieve": "Download the document's file",
    "me_retrieve": "The signed-in user: id, email, name and roles",
    "me_profile_retrieve": "Your borrower profile",
}


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _first_sentence(text: str) -> str:
    first = " ".join(text.strip().split("\n\n", 1)[0].split())
    sentence = first.split(". ", 1)[0].rstrip(".")
    return sentence if len(sentence) <= 90 else sentence[:87].rsplit(" ", 1)[0] + "…"


class LendingsiteAutoSchema(AutoSchema):
    """Every operation gets a one-line summary for Swagger's list: the view's own
    ``extend_schema(summary=…)``, else the first sentence of the handler's docstring, else
    what the route does in words ("List loans", "Reject the application")."""

    def get_summary(self):
        summary = super().get_summary()
        if summary:
            return summary
        action = getattr(self.view, "action", None)
        handler = getattr(self.view, action or self.method.lower(), None)
        if handler is not None and handler.__doc__:
            return _first_sentence(handler.__doc__)
        return self._route_summary(action)

    def _map_basic_serializer(self, serializer, direction):
        # Fields a serializer leaves out for some callers (Meta.optional_in_schema, e.g. a
        # loan's notes, shown to staff only) are not promised to every caller.
        schema = super()._map_basic_serializer(serializer, direction)
        optional = set(getattr(getattr(serializer, "Meta", None), "optional_in_schema", ()))
        if optional and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in optional]
            if not schema["required"]:
                del schema["required"]
        return schema

    def _route_summary(self, action: str | None) -> str:
        parts = [p for p in self.path.strip("/").split("/")[2:] if p]
        nouns = [p.replace("-", " ") for p in parts if not p.startswith("{")]
        by_id = parts[-1].startswith("{") if parts else False
        noun = nouns[-1] if nouns else "API"
        if action == "list" or (action is None and self.method == "GET" and not by_id):
            return f"List {noun}" if noun.endswith("s") else f"Get {noun}"
        if action == "retrieve" or (self.method == "GET" and by_id):
            return f"Get one {_singular(noun)}"
        if action == "create":
            return f"Create a {_singular(noun)}"
        if action in {"partial_update", "update"}:
            return f"Change a {_singular(noun)}" if by_id else f"Change {noun}"
        if action == "destroy":
            return f"Delete a {_singular(noun)}"
        owner = _singular(nouns[-2]) if len(nouns) > 1 else ""
        verb = noun.capitalize()
        return f"{verb} the {owner}" if owner else verb
