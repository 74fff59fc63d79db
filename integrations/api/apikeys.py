"""API keys API (API.md wave 2; docs/integrators.md). Superusers only.

/api/v1/api-keys/               GET list, POST create (the key is in this answer only)
/api/v1/api-keys/{id}/          GET
/api/v1/api-keys/{id}/revoke/   POST
"""

import json

from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.twofactor.reauth import reauth_required
from integrations.api.serializers import (
    ApiKeyCreatedSerializer,
    ApiKeyCreateSerializer,
    ApiKeySerializer,
)
from integrations.models import ApiKey
from integrations.services.apikeys import api_key_create, api_key_revoke

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


class ManagesApiKeys(permissions.BasePermission):
    message = "Only administrators manage API keys."

    def has_permission(self, request, view):
        perm = "view_apikey" if request.method in permissions.SAFE_METHODS else "add_apikey"
        return request.user.has_perm(f"integrations.{perm}")


class ApiKeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ApiKeySerializer
    permission_classes = [permissions.IsAuthenticated, ManagesApiKeys]
    queryset = ApiKey.objects.order_by("-id")
    filter_backends = []

    def get_serializer_class(self):
        if self.action == "create":
            return ApiKeyCreateSerializer
        return ApiKeySerializer

    @extend_schema(
        request=ApiKeyCreateSerializer,
        responses={201: ApiKeyCreatedSerializer, 400: PROBLEM, 403: PROBLEM},
    )
    @reauth_required
    def create(self, request):
        """Create a key for a service account. `key` is in this answer only; the server
        keeps its hash and the visible `prefix`."""
        incoming = ApiKeyCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        row, key = api_key_create(acting_user=request.user, **incoming.validated_data)
        body = ApiKeyCreatedSerializer(row).data
        response = Response({**body, "key": key}, status=status.HTTP_201_CREATED)
        # A replay of this call (same Idempotency-Key) answers without the key: the key
        # is shown once and never stored, not even in the idempotency table.
        response.idempotency_body = json.dumps({**body, "key": ""}).encode()
        return response

    @extend_schema(
        request=None, responses={200: ApiKeySerializer, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}
    )
    @action(detail=True, methods=["post"])
    @reauth_required
    def revoke(self, request, pk=None):
        """Revoke a key at once (409 invalid_state if it already is)."""
        row = api_key_revoke(acting_user=request.user, api_key=self.get_object())
        return Response(ApiKeySerializer(row).data)


router = SimpleRouter()
router.register("api-keys", ApiKeyViewSet, basename="api-key")

urlpatterns = [path("", include(router.urls))]
