"""/api/v1/collection/ (included from lendingsite.urls)."""

from django.urls import include, path

urlpatterns = [
    path("", include("collection.api.runs")),
    path("", include("collection.api.cases")),  # cases, their promises and contacts (the desk)
]
