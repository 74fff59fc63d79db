from reconciliation.api.views import urlpatterns as views
from reconciliation.webhooks import urlpatterns as webhooks

urlpatterns = [*views, *webhooks]
