import logging.config
import os

from celery import Celery
from celery.signals import setup_logging
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lendingsite.settings")

app = Celery("lendingsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task log lines carry the request_id of the request that enqueued them.
app.steps["worker"].add(DjangoStructLogInitStep)


@setup_logging.connect
def use_django_logging(**kwargs):
    """Workers and beat log like the web processes (JSON lines in production) instead of
    Celery's own format: connecting this signal stops Celery from configuring logging."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
