"""Profile and KYC endpoints (API.md). Thin: parse, call a service, serialize.

/api/v1/me/profile/              GET, PATCH  the caller's borrower profile
/api/v1/me/kyc-documents/        GET, POST   the caller's documents; upload (multipart)
/api/v1/me/kyc-documents/{id}/   GET
/api/v1/kyc-documents/           GET         officers: every document (?status=pending);
                                             anyone else: their own
/api/v1/kyc-documents/{id}/      GET
/api/v1/kyc-documents/{id}/file/ GET         the stored file
/api/v1/kyc-documents/{id}/verify/  POST     officers with verify permission, not the uploader
/api/v1/kyc-documents/{id}/reject/  POST     {reason}
"""

from pathlib import PurePath

from django.http import FileResponse
from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiRequest, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from accounts.gates import borrower_first, permission_first
from accounts.models import KycDocument
from accounts.selectors import kyc_documents_of_user, kyc_documents_visible_to, profile_for_user
from accounts.serializers.profile import (
    KycDocumentSerializer,
    KycRejectSerializer,
    KycUploadSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
)
from accounts.services.kyc import (
    KYC_CONTENT_TYPES,
    VERIFY_PERMISSION,
    kyc_document_reject,
    kyc_document_upload,
    kyc_document_verify,
)
from accounts.services.profile import borrower_profile_create, borrower_profile_update
from lendingsite.errors import DomainError
from lendingsite.parsers import StrictMultiPartParser

NO_PROFILE = "You have no borrower profile yet."


class MeProfileView(APIView):
    serializer_class = ProfileSerializer

    @extend_schema(
        responses={
            200: ProfileSerializer,
            404: OpenApiResponse(description="problem+json not_found: no profile yet"),
        }
    )
    def get(self, request):
        profile = profile_for_user(user=request.user)
        if profile is None:
            raise DomainError("not_found", NO_PROFILE)
        return Response(ProfileSerializer(profile).data)

    @extend_schema(
        request=ProfileUpdateSerializer,
        responses={
            200: ProfileSerializer,
            201: OpenApiResponse(ProfileSerializer, description="this call created the profile"),
        },
    )
    def patch(self, request):
        """Change your profile (creates it on first use). PAN and phone come back masked."""
        borrower_first(acting_user=request.user, action="profile.update_refused")
        incoming = ProfileUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        profile = profile_for_user(user=request.user)
        if profile is None:
            profile = borrower_profile_create(
                acting_user=request.user, user=request.user, **incoming.validated_data
            )
            return Response(ProfileSerializer(profile).data, status=status.HTTP_201_CREATED)
        profile = borrower_profile_update(
            acting_user=request.user, profile=profile, **incoming.validated_data
        )
        return Response(ProfileSerializer(profile).data)


class MyKycDocumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = KycDocumentSerializer
    filterset_fields = ["status", "doc_type"]
    parser_classes = [StrictMultiPartParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no user
            return KycDocument.objects.none()
        return kyc_documents_of_user(user=self.request.user)

    @extend_schema(
        request={
            "multipart/form-data": OpenApiRequest(
                KycUploadSerializer,
                encoding={"file": {"contentType": ", ".join(KYC_CONTENT_TYPES)}},
            )
        },
        responses={201: KycDocumentSerializer},
    )
    def create(self, request):
        """Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile."""
        borrower_first(acting_user=request.user, action="kyc.upload_refused")
        incoming = KycUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        profile = profile_for_user(user=request.user)
        if profile is None:
            raise DomainError(
                "invalid_state", f"{NO_PROFILE} Fill it in before uploading documents."
            )
        document = kyc_document_upload(
            acting_user=request.user,
            profile=profile,
            doc_type=incoming.validated_data["doc_type"],
            uploaded_file=incoming.validated_data["file"],
        )
        return Response(KycDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class KycDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Officers see every document; anyone else sees only their own (others are 404)."""

    serializer_class = KycDocumentSerializer
    filterset_fields = ["status", "doc_type"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return KycDocument.objects.none()
        return kyc_documents_visible_to(user=self.request.user)

    @extend_schema(request=None, responses=KycDocumentSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        document = kyc_document_verify(acting_user=request.user, document=self.get_object())
        return Response(KycDocumentSerializer(document).data)

    @extend_schema(request=KycRejectSerializer, responses=KycDocumentSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        document = self.get_object()
        permission_first(
            acting_user=request.user,
            perm=VERIFY_PERMISSION,
            message="You don't have permission to verify or reject KYC documents.",
            action="kyc.reject_refused",
            target=document,
        )
        incoming = KycRejectSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        document = kyc_document_reject(
            acting_user=request.user,
            document=document,
            reason=incoming.validated_data["reason"],
        )
        return Response(KycDocumentSerializer(document).data)

    @extend_schema(
        summary="Download the document's file",
        responses={(200, content_type): OpenApiTypes.BINARY for content_type in KYC_CONTENT_TYPES},
    )
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        document = self.get_object()
        suffix = PurePath(document.file.name).suffix
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=f"kyc-{document.pk}{suffix}",
            content_type=document.content_type,
        )


router = SimpleRouter()
router.register("me/kyc-documents", MyKycDocumentViewSet, basename="my-kyc-document")
router.register("kyc-documents", KycDocumentViewSet, basename="kyc-document")

urlpatterns = [
    path("me/profile/", MeProfileView.as_view(), name="me-profile"),
    path("", include(router.urls)),
]
