"""Payment-gateway adapters. Importing the package registers every built-in adapter; a new
gateway is one module here with a `@register`-ed GatewayAdapter subclass, imported below
(docs/gateways.md)."""

from repayments.gateways import razorpay, sandbox  # noqa: F401  (registers the adapters)
from repayments.gateways.base import (
    GatewayAdapter,
    PayloadInvalid,
    PaymentNotice,
    SignatureInvalid,
    adapter_get,
    register,
    webhook_secrets,
)
from repayments.gateways.sandbox import sandbox_payload, sandbox_send, sandbox_sign

__all__ = [
    "GatewayAdapter",
    "PayloadInvalid",
    "PaymentNotice",
    "SignatureInvalid",
    "adapter_get",
    "register",
    "sandbox_payload",
    "sandbox_send",
    "sandbox_sign",
    "webhook_secrets",
]
