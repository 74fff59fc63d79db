import logging.config
import os

from celery import Celery
from celery.signals import setup_logging, worker_process_init
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


@worker_process_init.connect
def start_tracing(**kwargs):
    """Each pool process sends its spans (when tracing is configured: lendingsite.tracing);
    installed after the fork, so no exporter thread is lost to it."""
    from lendingsite.tracing import tracing_setup

    tracing_setup()
