from django.urls import include, path

app_name = "loans"
urlpatterns = [
    path("", include("loans.views.calculator")),
    path("", include("loans.views.kfs")),
]
