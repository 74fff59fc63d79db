from django.apps import AppConfig


class ReconciliationConfig(AppConfig):
    name = "reconciliation"
    label = "reconciliation"
    verbose_name = "Virtual accounts and bank reconciliation"

    def ready(self):
        # A new loan (loans' `loan.opened` event) gets its virtual account.
        from reconciliation import listeners  # noqa: F401
