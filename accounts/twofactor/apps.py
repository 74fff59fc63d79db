from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    """Second factor (TOTP through django-otp, hashed recovery codes), re-authentication
    before money-moving and role-changing actions, and maker-checker device resets.
    A separate app (label `twofactor`) so its tables and migrations stand on their own."""

    name = "accounts.twofactor"
    label = "twofactor"
    verbose_name = "Second factor"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.twofactor import signals  # noqa: F401
