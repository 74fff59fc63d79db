from django.urls import path

from accounts.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("reauth/", views.reauth, name="reauth"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
