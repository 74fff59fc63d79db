from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from lendingsite import platform_views, views

admin.site.site_header = "Lendingsite officer console"
admin.site.site_title = "Lendingsite officer console"
admin.site.index_title = "Officer console"

api_v1 = [
    path("", include("accounts.api_urls")),
    path("", include("repayments.api_urls")),
    path("", include("loans.api_urls")),
    path("collection/", include("collection.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", platform_views.api_docs, name="swagger-ui"),
]

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on every page, the console's included.
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", platform_views.healthz, name="healthz"),
    path("readyz", platform_views.readyz, name="readyz"),
    path("metrics", platform_views.metrics, name="metrics"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/2fa/", include("accounts.twofactor.urls")),
    path("accounts/", include("accounts.urls")),
    path("privacy/", include("accounts.views_privacy")),
    path("notifications/", include("collection.views_notifications")),
    path("", include("loans.urls")),
    path("", include("loans.urls_borrower")),
    path("api/v1/", include(api_v1)),
]

handler400 = "lendingsite.views.bad_request"
handler403 = "lendingsite.views.permission_denied"
handler404 = "lendingsite.views.page_not_found"
handler500 = "lendingsite.views.server_error"
