"""Celery tasks of the collections app. Celery's autodiscovery imports this package; the
imports register every task. Task names stay those of the modules before they became this
package ("collection.tasks.day_end_beat", "collection.tasks_desk.reminders_send", ...), so
beat rows and messages already queued keep working."""

from collection.tasks import dayend, desk, notices  # noqa: F401
