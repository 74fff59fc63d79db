from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    """Outbound webhooks (a transactional outbox fed by the audit registry) and API keys
    for server-to-server callers (docs/webhooks.md, docs/integrators.md)."""

    name = "integrations"
    verbose_name = "Integrations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The outbox listens to the audit writer; the API-key scheme registers its OpenAPI
        # extension on import; metrics registers the deliveries' state for Prometheus; the
        # system check refuses production without webhook-secret keys.
        from integrations import (  # noqa: F401
            authentication,
            checks,
            metrics,
            outbox,
        )
