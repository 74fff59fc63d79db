from django.urls import include, path
from rest_framework.routers import SimpleRouter

from mandates.api.views import MandateViewSet, MandateWebhookView, PresentationViewSet

router = SimpleRouter()
router.register("mandates", MandateViewSet, basename="mandate")
router.register("presentations", PresentationViewSet, basename="presentation")
urlpatterns = [
    path("mandates/webhooks/<slug:adapter>/", MandateWebhookView.as_view(), name="mandate-webhook"),
    path("", include(router.urls)),
]
