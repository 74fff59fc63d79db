from django.apps import AppConfig


class CollectionConfig(AppConfig):
    # Not "collections": the standard library owns that import name (see README).
    name = "collection"
    label = "collection"
    verbose_name = "Collections"

    def ready(self):
        # What this app does when a payment, a reversal or a waiver changes what a borrower
        # owes (reported by repayments through the audit trail, lendingsite.audit).
        from collection.services import delinquency

        delinquency.listen()

        # The borrower's notices react to the lower apps' actions (lendingsite.audit.audit_listen);
        # metrics registers the day-end's state for Prometheus (lendingsite.metrics).
        from collection import metrics  # noqa: F401
        from collection.notices import listeners  # noqa: F401
