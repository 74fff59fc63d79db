from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The officer console's own pages on top of every app's admin: each role's home, the
    portfolio dashboard and the reports (docs/console.md). No models: it reads the apps
    below through their selectors and the day-end's portfolio snapshot."""

    name = "console"
    verbose_name = "Officer console"
