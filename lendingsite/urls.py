from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from lendingsite import platform_views, views

admin.site.site_header = "Lendingsite officer console"
admin.site.site_title = "Lendingsite officer console"
admin.site.index_title = "Officer console"

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("repayments.api.urls")),
    path("", include("loans.api.urls")),
    path("collection/", include("collection.api.urls")),
    path("", include("messaging.api.urls")),
    path("", include("integrations.api.urls")),
    path("", include("referrals.api.urls")),
    path("", include("accounting.api.urls")),
    path("", include("mandates.api.urls")),
    path("", include("reconciliation.api.urls")),
    path("", include("bureau.api.urls")),
    path("reports/", include("console.api")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", platform_views.api_docs, name="swagger-ui"),
]

urlpatterns = [
    # Browsers ask for /favicon.ico on every page, the console's included.
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", platform_views.healthz, name="healthz"),
    path("readyz", platform_views.readyz, name="readyz"),
    path("metrics", platform_views.metrics, name="metrics"),
    # The console's home (replacing the admin index), dashboard and reports come first.
    path(settings.ADMIN_URL, include("console.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/2fa/", include("accounts.twofactor.urls")),
    # Before the borrower's pages: Django tries every pattern of an include that fails and
    # keeps the list for the 404 page, which cost an API request more than its own route.
    path("api/v1/", include(api_v1)),
    # The borrower's pages (portal sits on top of every domain app; docs/architecture.md).
    path("", include("portal.urls")),
]

handler400 = "lendingsite.views.bad_request"
handler403 = "lendingsite.views.permission_denied"
handler404 = "lendingsite.views.page_not_found"
handler500 = "lendingsite.views.server_error"
