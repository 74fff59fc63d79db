"""Strict input, in one place: what the API's parsers (REST_FRAMEWORK DEFAULT_PARSER_CLASSES)
refuse before any view sees it.

- A JSON body nested deeper than API_MAX_JSON_DEPTH, or larger than API_MAX_BODY_BYTES
  (an upload: API_MAX_UPLOAD_BYTES), or not UTF-8: 400 `invalid_body`. The depth is
  measured on the text before parsing, so the parser never recurses into an attack.
- A NUL character or a lone UTF-16 surrogate anywhere in the input (values and keys):
  400 `invalid_body` naming the field. PostgreSQL cannot store NUL in text and no
  encoder can write a lone surrogate, so either would otherwise fail at the database
  with a 500; neither is ever part of a real name, address or reference.

StrictInputMiddleware (lendingsite.middleware) applies the same rule to query strings
and page forms. docs/api.md ("Input rules") lists the limits for integrators.
"""

import json
import re
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils.http import parse_header_parameters
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# NUL, and the surrogate code points (only reachable through JSON's "\ud800" escapes).
_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
# JSON strings (with their escapes) hide brackets from the depth count.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")


class InvalidBody(ParseError, ValueError):
    """400 `invalid_body` (lendingsite.problems), with the offending fields when known.
    Also a ValueError, so code parsing a body by hand (gateway adapters) can catch it."""

    problem_code = "invalid_body"

    def __init__(self, detail: str, *, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.problem_errors = errors or {}


class MalformedJson(ParseError, ValueError):
    """400 `parse_error`: not JSON at all."""


def text_fault(value: str) -> str | None:
    """Why this text cannot be accepted (in words), or None."""
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character (\\u0000)"
    return "contains a lone UTF-16 surrogate, which is not a character"


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    # Iterative, so a structure as deep as the depth limit allows costs no recursion.
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            fault = text_fault(item)
            if fault:
                yield where or "body", fault
        elif isinstance(item, dict):
            for key, child in item.items():
                key = str(key)
                name = f"{where}.{key}" if where else key
                if text_fault(key):
                    yield (where or "body"), f"has a field name that {text_fault(key)}"
                    continue
                stack.append((child, name))
        elif isinstance(item, list | tuple):
            stack.extend(
                (child, f"{where}.{i}" if where else str(i)) for i, child in enumerate(item)
            )


def data_faults(value: Any) -> dict[str, list[str]]:
    """{field: [why]} for every string in `value` that text_fault refuses."""
    faults: dict[str, list[str]] = {}
    for field, fault in _walk(value, ""):
        faults.setdefault(field, []).append(fault)
    return faults


def querydict_faults(data: QueryDict) -> dict[str, list[str]]:
    faults: dict[str, list[str]] = {}
    for key, values in data.lists():
        problems = [text_fault(key)] + [text_fault(v) for v in values if isinstance(v, str)]
        problems = [p for p in problems if p]
        if problems:
            name = key if not text_fault(key) else "parameter name"
            faults[name] = problems[:1]
    return faults


def _refuse_faults(faults: dict[str, list[str]]) -> None:
    if faults:
        names = ", ".join(sorted(faults))
        raise InvalidBody(
            f"These fields contain characters that are not allowed: {names}.", errors=faults
        )


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (0 for a scalar)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def json_loads_strict(raw: bytes, *, encoding: str = "utf-8") -> Any:
    """Parse a JSON body under the input rules; InvalidBody or ParseError if it breaks one."""
    limit = settings.API_MAX_BODY_BYTES
    if len(raw) > limit:
        raise InvalidBody(f"The request body is larger than {limit} bytes.")
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InvalidBody(f"The request body is not valid {encoding} text.") from None
    max_depth = settings.API_MAX_JSON_DEPTH
    if json_depth(text) > max_depth:
        raise InvalidBody(f"The JSON nests deeper than {max_depth} levels.")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:
        raise MalformedJson(f"JSON parse error - {exc}") from None
    _refuse_faults(data_faults(data))
    return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _read_limited(stream, limit: int) -> bytes:
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise InvalidBody(f"The request body is larger than {limit} bytes.")
    return raw


def _declared_length(parser_context) -> int:
    request = (parser_context or {}).get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        return 0


class StrictJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        if _declared_length(parser_context) > limit:
            raise InvalidBody(f"The request body is larger than {limit} bytes.")
        raw = _read_limited(stream, limit)
        return json_loads_strict(raw, encoding=parsers.get_encoding(parser_context or {}))


class StrictMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_UPLOAD_BYTES
        if _declared_length(parser_context) > limit:
            raise InvalidBody(f"The upload is larger than {limit} bytes in all.")
        try:
            result = super().parse(stream, media_type, parser_context)
        except (SuspiciousOperation, MultiPartParserError) as exc:
            raise InvalidBody(f"The form could not be read: {exc}") from None
        if not result.data and not result.files and _has_unread_parts(media_type, parser_context):
            # Django skips a part it cannot read; a body of nothing but such parts would
            # otherwise be "no change" answered 200.
            raise InvalidBody(
                "The form's parts could not be read: each part needs a Content-Disposition "
                "header naming its field."
            )
        _refuse_faults(querydict_faults(result.data))
        return result


def _has_unread_parts(media_type, parser_context) -> bool:
    """More bytes than an empty form (the closing delimiter alone) were sent."""
    _, params = parse_header_parameters(media_type or "")
    closing = len(f"--{params.get('boundary', '')}--\r\n")
    return _declared_length(parser_context) > closing
