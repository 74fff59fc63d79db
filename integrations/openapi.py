"""The webhook catalogue in the OpenAPI document: one component per event type
(`WebhookEvent_<type>`: the envelope with that type's `data`) and an `x-webhooks` section
naming them. The schema is OpenAPI 3.0, whose root takes no `webhooks` key (3.1 only),
so the section is the `x-webhooks` extension Redoc and code generators read; the
components are ordinary schemas an SDK can generate models from. A postprocessing hook
(settings.SPECTACULAR_SETTINGS) adds them.
"""

from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES

MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "example": "1000.00"}
NULLABLE_MONEY = {**MONEY, "nullable": True}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {**DATE, "nullable": True}
ID = {"type": "integer"}


def _obj(props: dict, nullable: tuple = ()) -> dict:
    return {
        "type": "object",
        "properties": props,
        "required": sorted(props),
    }


APPLICATION = _obj(
    {
        "id": ID,
        "status": {"type": "string"},
        "borrower": ID,
        "product": ID,
        "amount": MONEY,
        "tenure": {"type": "integer"},
    }
)
LOAN = _obj(
    {
        "id": ID,
        "status": {"type": "string"},
        "borrower": ID,
        "principal": MONEY,
        "principal_outstanding": MONEY,
        "dpd": {"type": "integer"},
        "bucket": {"type": "string"},
        "disbursed_on": NULLABLE_DATE,
        "closed_on": NULLABLE_DATE,
    }
)
ALLOCATION = _obj({p: MONEY for p in ("penal", "fees", "interest", "principal", "excess")})
MANDATE = _obj(
    {
        "id": ID,
        "loan": ID,
        "status": {"type": "string"},
        "umrn": {"type": "string"},
        "max_amount": MONEY,
        "reason_code": {"type": "string"},
    }
)
PRESENTATION = _obj(
    {
        "id": ID,
        "loan": ID,
        "due_date": DATE,
        "attempt": {"type": "integer"},
        "amount": MONEY,
        "status": {"type": "string"},
        "reason_code": {"type": "string"},
        "payment": {"type": "integer", "nullable": True},
    }
)
LOAN_AFTER = _obj(
    {
        "id": ID,
        "status": {"type": "string"},
        "principal_outstanding": NULLABLE_MONEY,
        "total_outstanding": NULLABLE_MONEY,
    }
)
CHARGE = _obj(
    {
        "id": ID,
        "loan": ID,
        "kind": {"type": "string"},
        "amount": MONEY,
        "waived_amount": MONEY,
        "status": {"type": "string"},
        "charged_on": DATE,
    }
)

DATA: dict[str, dict] = {
    **{
        f"application.{verb}": _obj({"application": APPLICATION})
        for verb in ("submitted", "withdrawn", "expired")
    },
    "application.approved": _obj(
        {
            "application": APPLICATION,
            "offer": _obj(
                {
                    "amount": NULLABLE_MONEY,
                    "annual_rate": {"type": "string", "nullable": True},
                    "expires_on": NULLABLE_DATE,
                }
            ),
        }
    ),
    "application.rejected": _obj({"application": APPLICATION, "reason": {"type": "string"}}),
    "application.accepted": _obj({"application": APPLICATION, "loan": ID}),
    **{
        f"loan.{verb}": _obj({"loan": LOAN})
        for verb in ("disbursed", "cancelled", "closed", "foreclosed", "written_off", "settled")
    },
    "payment.posted": _obj(
        {
            "payment": _obj(
                {
                    "id": ID,
                    "loan": ID,
                    "amount": MONEY,
                    "paid_on": DATE,
                    "channel": {"type": "string"},
                    "utr": {"type": "string"},
                    "allocation": ALLOCATION,
                }
            ),
            "loan_after": LOAN_AFTER,
        }
    ),
    "payment.reversed": _obj(
        {
            "payment": _obj(
                {
                    "id": ID,
                    "loan": ID,
                    "amount": MONEY,
                    "paid_on": DATE,
                    "utr": {"type": "string"},
                    "status": {"type": "string"},
                }
            ),
            "reason": {"type": "string"},
            "loan_after": LOAN_AFTER,
        }
    ),
    "charge.levied": _obj({"charge": CHARGE}),
    "charge.waived": _obj({"charge": CHARGE}),
    **{
        f"mandate.{verb}": _obj({"mandate": MANDATE})
        for verb in ("activated", "rejected", "paused", "resumed", "cancelled")
    },
    "presentation.debited": _obj({"presentation": PRESENTATION}),
    "presentation.bounced": _obj({"presentation": PRESENTATION}),
    "endpoint.test": _obj({"endpoint": ID, "message": {"type": "string"}}),
    **{
        f"case.{verb}": _obj(
            {
                "case": _obj(
                    {
                        "id": ID,
                        "loan": ID,
                        "status": {"type": "string"},
                        "opened_on": DATE,
                        "closed_on": NULLABLE_DATE,
                        "overdue_amount": MONEY,
                    }
                )
            }
        )
        for verb in ("opened", "closed")
    },
    **{
        f"promise.{outcome}": _obj(
            {
                "promise": _obj(
                    {
                        "id": ID,
                        "case": ID,
                        "loan": ID,
                        "amount": MONEY,
                        "promised_on": DATE,
                        "status": {"type": "string", "enum": [outcome]},
                        "settled_on": DATE,
                    }
                )
            }
        )
        for outcome in ("kept", "broken")
    },
    "loan.bucket_changed": _obj(
        {
            "loan": _obj({"id": ID, "dpd": {"type": "integer"}, "bucket": {"type": "string"}}),
            "from_bucket": {"type": "string"},
            "to_bucket": {"type": "string"},
        }
    ),
}


def component_name(event_type: str) -> str:
    return "WebhookEvent_" + event_type.replace(".", "_")


def envelope_schema(event_type: str) -> dict:
    return {
        "type": "object",
        "description": (
            f"Webhook `{event_type}` (version {WEBHOOK_EVENT_TYPES[event_type]}). Sent as "
            "the POST body with Standard Webhooks headers webhook-id (= id), "
            "webhook-timestamp and webhook-signature (docs/webhooks.md)."
        ),
        "properties": {
            "id": {"type": "string", "example": "evt_9f0c4c1e2b8a4f7e9a3d5b6c7d8e9f01"},
            "type": {"type": "string", "enum": [event_type]},
            "version": {"type": "integer", "enum": [WEBHOOK_EVENT_TYPES[event_type]]},
            "timestamp": {"type": "string", "format": "date-time"},
            "business_date": DATE,
            "sequence": {"type": "integer"},
            "loan": {"type": "integer", "nullable": True},
            "data": DATA[event_type],
        },
        "required": [
            "id",
            "type",
            "version",
            "timestamp",
            "business_date",
            "sequence",
            "loan",
            "data",
        ],
    }


def webhooks_section(result, generator, request, public):
    """Postprocessing hook: add the event components and `x-webhooks`."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    hooks = {}
    for event_type in sorted(WEBHOOK_EVENT_TYPES):
        name = component_name(event_type)
        schemas[name] = envelope_schema(event_type)
        hooks[event_type] = {
            "post": {
                "summary": f"{event_type} (v{WEBHOOK_EVENT_TYPES[event_type]})",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    }
                },
                "responses": {"2XX": {"description": "Received; any other answer is retried."}},
            }
        }
    result["x-webhooks"] = hooks
    return result
