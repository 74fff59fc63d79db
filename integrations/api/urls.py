"""/api/v1/ routes of the integrations app (included from lendingsite.urls)."""

from django.urls import include, path

urlpatterns = [
    path("", include("integrations.api.endpoints")),
    path("", include("integrations.api.apikeys")),
]
