"""System checks (run by `migrate` in the release phase, `check`, runserver): production
does not start without its own webhook-secret keys."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, register


@register()
def webhook_secret_keys_check(app_configs=None, **kwargs):
    keys = list(getattr(settings, "WEBHOOK_SECRET_KEYS", []) or [])
    if settings.PRODUCTION and not keys:
        return [
            Error(
                "WEBHOOK_SECRET_KEYS is not set: production needs its own Fernet keys to "
                "encrypt webhook signing secrets (no development default there).",
                hint="Set WEBHOOK_SECRET_KEYS to one or more keys from Fernet.generate_key().",
                id="integrations.E001",
            )
        ]
    if settings.PRODUCTION and settings.DEV_WEBHOOK_SECRET_KEY in keys:
        return [
            Error(
                "WEBHOOK_SECRET_KEYS holds the development key in production.",
                id="integrations.E002",
            )
        ]
    for key in keys:
        try:
            Fernet(key.encode() if isinstance(key, str) else key)
        except ValueError:
            return [
                Error(
                    "WEBHOOK_SECRET_KEYS holds a value that is not a Fernet key.",
                    id="integrations.E003",
                )
            ]
    return []
