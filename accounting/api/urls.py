"""/api/v1/ (included from lendingsite.urls): the books."""

from accounting.api.books import urlpatterns  # noqa: F401
