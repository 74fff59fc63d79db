from django.apps import AppConfig


class LendingsiteConfig(AppConfig):
    """The platform: request context, problem details, periodic-task registry."""

    name = "lendingsite"
    verbose_name = "Platform"
