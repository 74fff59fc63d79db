"""The book by delinquency bucket for Prometheus (lendingsite.metrics), read at scrape time."""

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily

from lendingsite.metrics import state_metric
from loans.models import Loan


@state_metric("loans.buckets")
def loans_by_bucket():
    family = GaugeMetricFamily(
        "lendingsite_loans", "Loans by status and delinquency bucket", labels=["status", "bucket"]
    )
    rows = Loan.objects.order_by().values("status", "bucket").annotate(n=Count("id"))
    for row in rows:
        family.add_metric([row["status"], row["bucket"]], row["n"])
    return [family]
