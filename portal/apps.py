from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The borrower's pages: the top of the dependency graph. It may use every domain app;
    no domain app imports it (import-linter contract in pyproject.toml)."""

    name = "portal"
    verbose_name = "Borrower portal"
