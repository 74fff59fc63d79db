from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self):
        # Sign-ups, disbursements and cancellations are reported by the lower apps through
        # the audit trail (lendingsite.audit.audit_listen); this app reacts to them.
        from referrals import listeners  # noqa: F401
