from django.apps import AppConfig


class CollectionConfig(AppConfig):
    # Not "collections": the standard library owns that import name (see README).
    name = "collection"
    label = "collection"
    verbose_name = "Collections"

    def ready(self):
        # The borrower's notices react to the lower apps' actions (accounts.audit.audit_listen).
        from collection.notices import listeners  # noqa: F401
