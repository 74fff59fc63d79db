from django.urls import include, path

urlpatterns = [
    path("", include("repayments.webhooks")),
    path("", include("repayments.api_statements")),
    path("", include("repayments.api_exits")),
    path("", include("repayments.api")),
    path("", include("repayments.api_waivers")),
]
