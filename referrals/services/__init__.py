"""Every write of the referrals app (docs/referrals.md)."""
