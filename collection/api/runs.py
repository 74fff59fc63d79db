"""Day-end runs API (API.md "Collections"): read-only, for the people who watch the job.

/api/v1/collection/runs/        GET  paginated, newest business date first; ?status=
/api/v1/collection/runs/{id}/   GET  one run with its per-step counts and errors

Collections managers, auditors and superusers (permission collection.view_dayendrun);
anyone else signed in gets 403 permission_denied.
"""

from django.urls import include, path
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.routers import SimpleRouter

from collection.models import DayEndRun

VIEW_RUN_PERM = "collection.view_dayendrun"


class DayEndRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = DayEndRun
        fields = [
            "id",
            "business_date",
            "status",
            "loans_processed",
            "started_at",
            "finished_at",
            "duration_ms",
            "counts",
            "errors",
            "forced_loan",
        ]
        read_only_fields = fields


class CanViewRuns(permissions.BasePermission):
    message = "Only collections managers and auditors can see day-end runs."

    def has_permission(self, request, view):
        return request.user.has_perm(VIEW_RUN_PERM)


class DayEndRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DayEndRunSerializer
    permission_classes = [permissions.IsAuthenticated, CanViewRuns]
    queryset = DayEndRun.objects.order_by("-business_date", "-id")
    filterset_fields = ["status", "business_date"]


router = SimpleRouter()
router.register("runs", DayEndRunViewSet, basename="dayend-run")

urlpatterns = [path("", include(router.urls))]
