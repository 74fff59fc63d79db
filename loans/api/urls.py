from django.urls import include, path

urlpatterns = [
    path("", include("loans.api.products")),
    path("", include("loans.api.applications")),
    path("", include("loans.api.loans")),
]
