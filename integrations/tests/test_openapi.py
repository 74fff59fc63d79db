"""The schema documents the API-key scheme and every webhook event type; each event's
builder output matches its schema."""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft4Validator

from integrations.models import WebhookEvent
from integrations.openapi import DATA, component_name, envelope_schema
from integrations.services.deliveries import envelope
from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES
from loans.tests.factories import active_loan
from repayments.tests.factories import emi_of, post_payment


def _openapi_30_to_jsonschema(schema):
    """`nullable: true` is OpenAPI 3.0's way; JSON Schema says type [x, null]."""
    if isinstance(schema, dict):
        out = {k: _openapi_30_to_jsonschema(v) for k, v in schema.items() if k != "nullable"}
        if schema.get("nullable"):
            out["type"] = [schema["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        return out
    if isinstance(schema, list):
        return [_openapi_30_to_jsonschema(v) for v in schema]
    return schema


@pytest.mark.django_db
def test_the_schema_has_the_key_scheme_and_every_event():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    scheme = schema["components"]["securitySchemes"]["ApiKeyAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    assert set(schema["x-webhooks"]) == set(WEBHOOK_EVENT_TYPES) == set(DATA)
    for event_type in WEBHOOK_EVENT_TYPES:
        assert component_name(event_type) in schema["components"]["schemas"]


@pytest.mark.django_db
def test_emitted_events_match_their_schemas():
    loan = active_loan(disbursed_on=date(2026, 3, 10))
    post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 4, 10))
    seen = set()
    for event in WebhookEvent.objects.all():
        body = envelope(event)
        validator = Draft4Validator(_openapi_30_to_jsonschema(envelope_schema(event.type)))
        errors = [e.message for e in validator.iter_errors(body)]
        assert not errors, (event.type, errors)
        seen.add(event.type)
    assert {"loan.disbursed", "payment.posted", "application.approved"} <= seen
