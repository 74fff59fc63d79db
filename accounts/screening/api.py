"""Screening review queue (API.md wave 2):

/api/v1/screening/hits/               GET  paginated; ?status=, ?user=
/api/v1/screening/hits/{id}/          GET
/api/v1/screening/hits/{id}/clear/    POST {reason} → the hit (proposed, or cleared when a
/api/v1/screening/hits/{id}/confirm/  POST {reason}    second reviewer agrees)

Reviewers hold screening.review_screeninghit (credit managers); auditors read. Anyone
else gets 404 for a hit and an empty list, never another borrower's name.
"""

import django_filters.rest_framework as filters
from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.screening.models import HitStatus, ScreeningHit
from accounts.screening.services import REVIEW_PERM, screening_hit_review

VIEW_PERM = "screening.view_screeninghit"
PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


class HitSerializer(serializers.ModelSerializer):
    borrower = serializers.IntegerField(source="user_id", read_only=True)
    entry = serializers.CharField(source="entry_key", read_only=True)
    list_source = serializers.CharField(source="entry.sanctions_list.source", read_only=True)

    class Meta:
        model = ScreeningHit
        fields = [
            "id", "borrower", "screened_name", "entry", "list_source", "matched_name", "score",
            "reasons", "trigger", "status", "created_at", "proposed_by", "proposed_reason",
            "proposed_at", "decided_by", "decided_reason", "decided_at",
        ]  # fmt: skip
        read_only_fields = fields


class ReviewSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class HitFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=HitStatus.choices)
    user = filters.NumberFilter(field_name="user_id")

    class Meta:
        model = ScreeningHit
        fields = ["status", "user"]


class HitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HitSerializer
    filterset_class = HitFilter

    def get_queryset(self):
        user = self.request.user
        if not (user.has_perm(VIEW_PERM) or user.has_perm(REVIEW_PERM)):
            return ScreeningHit.objects.none()
        return ScreeningHit.objects.select_related("entry__sanctions_list").order_by(
            "-created_at", "-id"
        )

    def _review(self, request, decision: str):
        hit = self.get_object()
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        hit = screening_hit_review(
            acting_user=request.user,
            hit=hit,
            decision=decision,
            reason=body.validated_data["reason"],
        )
        return Response(HitSerializer(hit).data)

    @extend_schema(
        request=ReviewSerializer, responses={200: HitSerializer, 403: PROBLEM, 409: PROBLEM}
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def clear(self, request, pk=None):
        """A false positive: the first reviewer proposes, a different one clears."""
        return self._review(request, "clear")

    @extend_schema(
        request=ReviewSerializer, responses={200: HitSerializer, 403: PROBLEM, 409: PROBLEM}
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def confirm(self, request, pk=None):
        """A true match: the first reviewer proposes, a different one confirms (the
        borrower's disbursements stay frozen and the hit is in the confirmed report)."""
        return self._review(request, "confirm")


router = SimpleRouter()
router.register("screening/hits", HitViewSet, basename="screening-hit")
urlpatterns = [path("", include(router.urls))]
