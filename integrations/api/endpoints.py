"""Webhook endpoints API (API.md wave 2; docs/webhooks.md). Superusers only (the model
permissions integrations.*_webhookendpoint, which no role holds).

/api/v1/webhook-endpoints/                         GET list, POST register (secret once)
/api/v1/webhook-endpoints/{id}/                    GET, PATCH (url, event_types, is_active…)
/api/v1/webhook-endpoints/{id}/rotate-secret/      POST new secret; the old signs on a while
/api/v1/webhook-endpoints/{id}/test/               POST an endpoint.test event to it
/api/v1/webhook-endpoints/{id}/replay/             POST replay a time range (failed only)
/api/v1/webhook-endpoints/{id}/deliveries/         GET the delivery log
/api/v1/webhook-endpoints/{id}/deliveries/{d}/     GET one delivery with every attempt
/api/v1/webhook-endpoints/{id}/deliveries/{d}/replay/  POST deliver it again (same id)
"""

import json

from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.utils.encoders import JSONEncoder

from accounts.twofactor.reauth import reauth_required
from integrations.api.serializers import (
    DeliveryDetailSerializer,
    DeliverySerializer,
    ReplayCountSerializer,
    ReplayRangeSerializer,
    SecretRotateSerializer,
    SecretSerializer,
    TestEventSerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointSerializer,
    WebhookEndpointUpdateSerializer,
)
from integrations.models import WebhookDelivery, WebhookEndpoint
from integrations.services.deliveries import deliveries_replay_range, delivery_replay
from integrations.services.endpoints import (
    webhook_endpoint_create,
    webhook_endpoint_secret_rotate,
    webhook_endpoint_test,
    webhook_endpoint_update,
)

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
VIEW_PERM = "integrations.view_webhookendpoint"
CHANGE_PERM = "integrations.change_webhookendpoint"


class ManagesWebhooks(permissions.BasePermission):
    message = "Only administrators manage webhook endpoints."

    def has_permission(self, request, view):
        perm = VIEW_PERM if request.method in permissions.SAFE_METHODS else CHANGE_PERM
        return request.user.has_perm(perm)


class WebhookEndpointViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = WebhookEndpointSerializer
    permission_classes = [permissions.IsAuthenticated, ManagesWebhooks]
    queryset = WebhookEndpoint.objects.order_by("id")
    filter_backends = []

    def get_serializer_class(self):
        return {
            "create": WebhookEndpointSerializer,
            "partial_update": WebhookEndpointUpdateSerializer,
            "rotate_secret": SecretRotateSerializer,
            "replay": ReplayRangeSerializer,
            "test": None,
        }.get(self.action, WebhookEndpointSerializer) or WebhookEndpointSerializer

    @extend_schema(
        request=WebhookEndpointSerializer,
        responses={201: WebhookEndpointCreatedSerializer, 400: PROBLEM, 403: PROBLEM},
    )
    @reauth_required
    def create(self, request):
        """Register an endpoint. The answer carries its signing secret (whsec_…), shown
        here and on rotation only. Loopback/private targets are refused in production."""
        incoming = WebhookEndpointSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(
            acting_user=request.user,
            url=incoming.validated_data["url"],
            event_types=incoming.validated_data.get("event_types", []),
            description=incoming.validated_data.get("description", ""),
        )
        body = WebhookEndpointCreatedSerializer(endpoint).data
        response = Response(body, status=status.HTTP_201_CREATED)
        # Replays (same Idempotency-Key) answer without the secret (shown once).
        response.idempotency_body = json.dumps({**body, "secret": ""}, cls=JSONEncoder).encode()
        return response

    @extend_schema(
        request=WebhookEndpointUpdateSerializer,
        responses={200: WebhookEndpointSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM},
    )
    @reauth_required
    def partial_update(self, request, pk=None):
        """Change the URL, description or subscribed event types; `is_active: true`
        enables a disabled endpoint again (the failure clock restarts)."""
        endpoint = self.get_object()
        incoming = WebhookEndpointUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_update(
            acting_user=request.user, endpoint=endpoint, **incoming.validated_data
        )
        return Response(WebhookEndpointSerializer(endpoint).data)

    @extend_schema(
        request=SecretRotateSerializer,
        responses={200: SecretSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM},
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    @reauth_required
    def rotate_secret(self, request, pk=None):
        """A new signing secret; the old one adds a second signature until
        `previous_secret_expires_at` so the receiver can switch without losing events."""
        endpoint = self.get_object()
        incoming = SecretRotateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_secret_rotate(
            acting_user=request.user,
            endpoint=endpoint,
            keep_old_hours=incoming.validated_data.get("keep_old_hours"),
        )
        response = Response(
            {
                "secret": endpoint.secret,
                "previous_secret_expires_at": endpoint.previous_secret_expires_at,
            }
        )
        response.idempotency_body = json.dumps(
            {"secret": "", "previous_secret_expires_at": endpoint.previous_secret_expires_at},
            cls=JSONEncoder,
        ).encode()
        return response

    @extend_schema(request=None, responses={202: TestEventSerializer, 403: PROBLEM, 404: PROBLEM})
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        """Send an `endpoint.test` event to this endpoint (through the outbox, signed and
        retried like any other)."""
        endpoint = self.get_object()
        event = webhook_endpoint_test(acting_user=request.user, endpoint=endpoint)
        return Response({"event": event.event_id}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=ReplayRangeSerializer,
        responses={202: ReplayCountSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    def replay(self, request, pk=None):
        """Deliver again the events of [since, until) to this endpoint: by default only
        those not yet delivered successfully (at most 1000 per call)."""
        endpoint = self.get_object()
        incoming = ReplayRangeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        count = deliveries_replay_range(
            endpoint=endpoint, acting_user=request.user, **incoming.validated_data
        )
        return Response({"queued": count}, status=status.HTTP_202_ACCEPTED)


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The delivery log of one endpoint, newest first."""

    permission_classes = [permissions.IsAuthenticated, ManagesWebhooks]
    queryset = WebhookDelivery.objects.none()
    filter_backends = []

    def get_serializer_class(self):
        return DeliveryDetailSerializer if self.action == "retrieve" else DeliverySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        endpoint = get_object_or_404(WebhookEndpoint, pk=self.kwargs["endpoint_pk"])
        deliveries = WebhookDelivery.objects.filter(endpoint=endpoint).select_related("event")
        if self.action == "retrieve":
            deliveries = deliveries.prefetch_related("log")
        return deliveries.order_by("-id")

    @extend_schema(request=None, responses={202: DeliverySerializer, 403: PROBLEM, 404: PROBLEM})
    @action(detail=True, methods=["post"])
    def replay(self, request, endpoint_pk=None, pk=None):
        """Deliver this event to this endpoint again, with the same webhook-id."""
        again = delivery_replay(delivery=self.get_object(), acting_user=request.user)
        again = WebhookDelivery.objects.select_related("event").get(pk=again.pk)
        return Response(DeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)


router = SimpleRouter()
router.register("webhook-endpoints", WebhookEndpointViewSet, basename="webhook-endpoint")
deliveries = SimpleRouter()
deliveries.register("deliveries", DeliveryViewSet, basename="webhook-delivery")

urlpatterns = [
    path("", include(router.urls)),
    path("webhook-endpoints/<int:endpoint_pk>/", include(deliveries.urls)),
]
