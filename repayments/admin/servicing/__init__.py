"""Distress servicing in the officer console (docs/servicing.md): proposals and their
decisions (proposals), the moratorium page (moratoria), read-only records (records)."""

from repayments.admin.servicing import moratoria, proposals, records  # noqa: F401
