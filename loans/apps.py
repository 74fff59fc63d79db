from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_chart(sender, **kwargs):
    if sender.name != "loans":
        return
    from loans.ledger import chart_ensure

    chart_ensure()


class LoansConfig(AppConfig):
    name = "loans"
    verbose_name = "Loans"

    def ready(self):
        post_migrate.connect(_ensure_chart, dispatch_uid="loans.ensure_chart")
        from loans import (
            listeners,  # noqa: F401  (registers audit listeners)
            metrics,  # noqa: F401  (the book by bucket for Prometheus)
        )
