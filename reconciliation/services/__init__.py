"""Every write of the reconciliation app (docs/reconciliation.md)."""
