from reconciliation.api.views import urlpatterns as views
from reconciliation.webhooks import urlpatterns as webhooks

# The webhook first: its path is deeper than the router's detail routes.
urlpatterns = [*webhooks, *views]
