"""The collections console: importing the package registers every page (the desk's cases,
the day-end runs, the read-only logs)."""

from collection.admin import cases, logs, runs  # noqa: F401
