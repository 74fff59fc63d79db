import dataclasses

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class BrokerConnection(HealthCheck):
    """The Celery broker accepts a connection (used when it is not the Redis cache,
    e.g. RabbitMQ)."""

    def run(self):
        from kombu import Connection

        try:
            with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1)
        except Exception as exc:
            raise ServiceUnavailable("broker unreachable") from exc
