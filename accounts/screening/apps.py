from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """Sanctions and PEP screening: list imports (UN, MHA UAPA, OFAC), matching, the review
    queue and the gates that stop approval and disbursement. Label `screening`."""

    name = "accounts.screening"
    label = "screening"
    verbose_name = "Sanctions screening"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.screening import listeners  # noqa: F401
