"""Credit bureau files (API.md, wave 2: `GET/POST /api/v1/bureau-exports/`).

/api/v1/bureau-exports/                    GET list, POST {as_of[, frequency]} finance → 201
/api/v1/bureau-exports/{id}/               GET, with its validation errors and rejections
/api/v1/bureau-exports/{id}/file/          GET the file as written (text/plain attachment)
/api/v1/bureau-exports/{id}/rejections/    POST multipart `file`: the bureau's rejection report
"""

from django.http import HttpResponse
from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiRequest, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import permission_first
from bureau.models import BureauExport
from bureau.selectors import exports_for
from bureau.serializers import (
    BureauExportCreateSerializer,
    BureauExportSerializer,
    RejectionUploadSerializer,
)
from bureau.services import EXPORT_PERM, bureau_export_create, bureau_rejections_load
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from lendingsite.parsers import StrictJSONParser, StrictMultiPartParser

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
REFUSALS = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM, 422: PROBLEM}


class BureauExportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = BureauExportSerializer
    queryset = BureauExport.objects.none()
    parser_classes = [StrictJSONParser, StrictMultiPartParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return exports_for(self.request.user).prefetch_related("issues").order_by("-as_of", "-id")

    @extend_schema(
        request=BureauExportCreateSerializer,
        responses={201: BureauExportSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request):
        """Write the bureau file as of a date (finance). Records that fail validation are
        left out and listed in `issues`."""
        # Refused before the body is read (lendingsite/tests/test_answer_order.py).
        permission_first(
            acting_user=request.user,
            perm=EXPORT_PERM,
            message="Only finance can write a credit bureau file.",
            action="bureau_export.create_refused",
        )
        incoming = BureauExportCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        export = bureau_export_create(acting_user=request.user, **incoming.validated_data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=export.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={(200, "text/plain"): OpenApiTypes.STR, 404: PROBLEM})
    @action(detail=True, methods=["get"], filter_backends=[])
    def file(self, request, pk=None):
        """The file as it was written (its SHA-256 is the export's `sha256`)."""
        export = self.get_object()
        response = HttpResponse(export.content, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        request={"multipart/form-data": OpenApiRequest(RejectionUploadSerializer)},
        responses={200: BureauExportSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def rejections(self, request, pk=None):
        """Load the bureau's rejection report for this file; each error is shown on its loan."""
        export = self.get_object()
        incoming = RejectionUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        export = bureau_rejections_load(
            acting_user=request.user, export=export, file=incoming.validated_data["file"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=export.pk)).data)


router = SimpleRouter()
router.register("bureau-exports", BureauExportViewSet, basename="bureau-export")
urlpatterns = [path("", include(router.urls))]
