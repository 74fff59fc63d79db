"""Auto-debit mandates (NACH / e-mandate) and the presentation of installments against
them (docs/mandates.md)."""
