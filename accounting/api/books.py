"""The books API (API.md, "Resources added in wave 2"):

/api/v1/ledger/trial-balance/?as_of=D   GET  every account's balance as of D (default today)
/api/v1/provisions/?as_of=D             GET  the provisioning of the close on or before D:
                                             per asset class, then per loan (paginated)

Finance, auditors and superusers (accounting.view_provisiondetail); anyone else signed in
gets 403 permission_denied; a date with no completed close on or before it, 404 not_found.
"""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounting.selectors import close_for, provision_details, provision_summary, trial_balance
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.pagination import Pagination

VIEW_BOOKS_PERM = "accounting.view_provisiondetail"
PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
AS_OF = OpenApiParameter("as_of", type=OpenApiTypes.DATE, description="default: today (IST)")


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)


class TrialBalanceAccountSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    debit = serializers.DecimalField(max_digits=16, decimal_places=2)
    credit = serializers.DecimalField(max_digits=16, decimal_places=2)


class TrialBalanceSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    accounts = TrialBalanceAccountSerializer(many=True)
    total_debit = serializers.DecimalField(max_digits=16, decimal_places=2)
    total_credit = serializers.DecimalField(max_digits=16, decimal_places=2)
    balanced = serializers.BooleanField()


class ProvisionDetailSerializer(serializers.Serializer):
    loan = serializers.IntegerField(source="loan_id")
    asset_class = serializers.CharField()
    days_in_npa = serializers.IntegerField()
    exposure = serializers.DecimalField(max_digits=14, decimal_places=2)
    secured = serializers.DecimalField(max_digits=14, decimal_places=2)
    unsecured = serializers.DecimalField(max_digits=14, decimal_places=2)
    required = serializers.DecimalField(max_digits=14, decimal_places=2)
    held_before = serializers.DecimalField(max_digits=14, decimal_places=2)
    posted = serializers.DecimalField(max_digits=14, decimal_places=2)


class ClassSummarySerializer(serializers.Serializer):
    asset_class = serializers.CharField()
    label = serializers.CharField()
    loans = serializers.IntegerField()
    exposure = serializers.DecimalField(max_digits=16, decimal_places=2)
    secured = serializers.DecimalField(max_digits=16, decimal_places=2)
    provision = serializers.DecimalField(max_digits=16, decimal_places=2)


class ProvisionsPageSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    close_date = serializers.DateField()
    run = serializers.IntegerField()
    summary = ClassSummarySerializer(many=True)
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ProvisionDetailSerializer(many=True)


class CanViewBooks(permissions.BasePermission):
    message = "Only finance and auditors can see the books."

    def has_permission(self, request, view):
        return request.user.has_perm(VIEW_BOOKS_PERM)


def _as_of(request):
    query = AsOfSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("as_of") or today_ist()


class TrialBalanceView(APIView):
    permission_classes = [permissions.IsAuthenticated, CanViewBooks]

    @extend_schema(
        operation_id="ledger_trial_balance",
        parameters=[AS_OF],
        responses={200: TrialBalanceSerializer, 400: PROBLEM, 403: PROBLEM},
    )
    def get(self, request):
        """Every ledger account's balance from the entries dated on or before `as_of`."""
        return Response(TrialBalanceSerializer(trial_balance(as_of=_as_of(request))).data)


class ProvisionListView(APIView):
    permission_classes = [permissions.IsAuthenticated, CanViewBooks]

    @extend_schema(
        operation_id="provisions_list",
        parameters=[
            AS_OF,
            OpenApiParameter("page", type=OpenApiTypes.INT, description="page of the detail"),
        ],
        responses={200: ProvisionsPageSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM},
    )
    def get(self, request):
        """The provisioning of the month-end close on or before `as_of`: `summary` per
        asset class (loans, exposure, provision), then each loan's detail (paginated)."""
        as_of = _as_of(request)
        run = close_for(as_of)
        if run is None:
            raise DomainError(
                "not_found", f"No month-end close was completed on or before {as_of}."
            )
        paginator = Pagination()
        page = paginator.paginate_queryset(provision_details(run), request, view=self)
        body = paginator.get_paginated_response(
            ProvisionDetailSerializer(page, many=True).data
        ).data
        summary = ClassSummarySerializer(provision_summary(run), many=True).data
        return Response(
            {
                "as_of": as_of.isoformat(),
                "close_date": run.business_date.isoformat(),
                "run": run.pk,
                "summary": summary,
                **body,
            }
        )


urlpatterns = [
    path("ledger/trial-balance/", TrialBalanceView.as_view(), name="ledger-trial-balance"),
    path("provisions/", ProvisionListView.as_view(), name="provisions"),
]
