from django.apps import AppConfig


class LendingsiteConfig(AppConfig):
    """The platform: request context, problem details, periodic-task registry."""

    name = "lendingsite"
    verbose_name = "Platform"

    def ready(self):
        from django_structlog import signals

        signals.bind_extra_request_metadata.connect(_bind_client_ip, weak=False)

        from lendingsite.admin import install_money_display

        install_money_display()

        from lendingsite import switches  # noqa: F401  (the kill switches' metric)


def _bind_client_ip(request, logger, **kwargs):
    # Log lines name the caller as everything else does (lendingsite.middleware.client_ip);
    # django-structlog's own lookup would believe any X-Forwarded-For.
    import structlog

    from lendingsite.middleware import client_ip

    structlog.contextvars.bind_contextvars(ip=client_ip(request))
