from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "mandates"
    label = "mandates"
    verbose_name = "Auto-debit mandates"

    def ready(self):
        # Bounces are shown on the collector's case through collection's panel hook: the
        # collection app sits below this one and may not import it.
        from mandates import panels  # noqa: F401
