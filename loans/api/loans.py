"""Loans API (API.md "Loans"): thin views over loans.services.loans and the financial
guard. Who may disburse, maker-checker, dates and amounts are the services'
rules; a view only parses, calls and serializes.

/api/v1/loans/                         GET  paginated; ?status=, ?bucket=, ?product=
/api/v1/loans/{id}/                    GET; PATCH non-financial fields (loan officers)
/api/v1/loans/{id}/schedule/           GET  the installments, status as of today (IST)
/api/v1/loans/{id}/disburse/           POST {disbursed_on, reference} finance, not the approver
/api/v1/loans/{id}/cooling-off-quote/  GET  ?on=YYYY-MM-DD (default today)
/api/v1/loans/{id}/cooling-off-cancel/ POST 410 gone: use /api/v1/loans/{id}/exit-requests/

Borrowers see only their own loans; anyone else's is a 404, never a 403.
"""

from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import permission_first
from accounts.twofactor.reauth import reauth_required
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.guard import protected_fields_refuse
from lendingsite.pagination import Pagination
from lendingsite.readcache import borrower_cached
from loans.models import Loan
from loans.selectors import (
    arrears_of_loans,
    loan_arrears,
    loans_with_balances_for,
    today_as_of,
)
from loans.serializers.loans import (
    CoolingOffQuerySerializer,
    CoolingOffQuoteSerializer,
    DisburseSerializer,
    InstallmentSerializer,
    LoanSerializer,
    LoanUpdateSerializer,
)
from loans.services import loans as services

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


class SchedulePagination(Pagination):
    # A whole schedule on one page for any ordinary loan (ten years of months).
    page_size = 120
    max_page_size = 600


class LoanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = LoanSerializer
    filterset_fields = ["status", "bucket", "product"]
    queryset = Loan.objects.none()  # for the schema; requests use get_queryset
    http_method_names = ["get", "post", "patch", "head", "options"]
    # Ids are numbers: anything else is no such loan (404), even on the withdrawn route.
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        # A list reads its arrears without the schedule (`_list`); one loan reads it whole.
        with_schedule = self.action != "list"
        return loans_with_balances_for(self.request.user, installments=with_schedule).order_by(
            "-created_at", "-id"
        )

    def _borrower_cached(self, answer) -> Response:
        """A borrower's own read, kept until something they can see changes
        (lendingsite.readcache). Staff lists span every borrower: always computed."""
        request = self.request
        if request.user.has_perm("loans.view_loan"):
            return answer()
        data = borrower_cached(
            borrower_id=request.user.pk,
            today=today_ist(),
            what=f"loans-api|{self.action}|{request.build_absolute_uri()}",
            compute=lambda: answer().data,
        )
        return Response(data)

    def list(self, request, *args, **kwargs):
        return self._borrower_cached(self._list)

    def _list(self) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        as_of = today_as_of()
        context = {
            **self.get_serializer_context(),
            "arrears_as_of": as_of,
            "arrears_by_loan": arrears_of_loans(page, as_of=as_of),
        }
        return self.get_paginated_response(LoanSerializer(page, many=True, context=context).data)

    def retrieve(self, request, *args, **kwargs):
        return self._borrower_cached(
            lambda: super(LoanViewSet, self).retrieve(request, *args, **kwargs)
        )

    def _answer(self, loan: Loan) -> Response:
        fresh = self.get_queryset().get(pk=loan.pk)
        return Response(LoanSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        request=LoanUpdateSerializer,
        responses={200: LoanSerializer, 403: PROBLEM, 404: PROBLEM},
    )
    def partial_update(self, request, pk=None):
        """Change a loan's non-financial fields (`notes`; loan officers). Naming any
        financial field (status, dpd, bucket, principal, rate, balances, schedule) refuses
        the whole request with 403 `protected_field`, and the attempt is audited."""
        loan = self.get_object()
        # The guard runs first, so a borrower trying to write their own balance is on record
        # as such; then who may change loans at all; then the fields.
        submitted = request.data.keys() if isinstance(request.data, dict) else ()
        protected_fields_refuse(
            acting_user=request.user,
            submitted=submitted,
            protected=LoanUpdateSerializer.protected_fields,
            target=loan,
        )
        permission_first(
            acting_user=request.user,
            perm=services.CHANGE_PERM,
            message="You don't have permission to change loans.",
            action="loan.update_refused",
            target=loan,
        )
        incoming = LoanUpdateSerializer(
            data=request.data,
            partial=True,
            context={**self.get_serializer_context(), "guard_target": loan},
        )
        incoming.is_valid(raise_exception=True)
        loan = services.loan_update(acting_user=request.user, loan=loan, **incoming.validated_data)
        return self._answer(loan)

    @extend_schema(responses=InstallmentSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=SchedulePagination, filter_backends=[])
    def schedule(self, request, pk=None):
        """The installments in order, each with what is due, what was paid and its status
        today: due, paid, partially_paid or overdue (overdue: due by yesterday and owing
        more than the product's materiality floor, as the day-end counts it)."""
        return self._borrower_cached(self._schedule)

    def _schedule(self) -> Response:
        loan = self.get_object()  # with its installments in order (loans_with_arrears)
        arrears = loan_arrears(loan, as_of=today_as_of())
        page = self.paginate_queryset(list(loan.installments.all()))
        context = {**self.get_serializer_context(), "arrears": arrears}
        data = InstallmentSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    @extend_schema(
        request=DisburseSerializer,
        responses={200: LoanSerializer, 403: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    @reauth_required
    def disburse(self, request, pk=None):
        """Disburse a loan pending disbursement (finance; not the person who approved it).
        The schedule is fixed from `disbursed_on` (today or up to 7 days back)."""
        loan = self.get_object()
        permission_first(
            acting_user=request.user,
            perm=services.DISBURSE_PERM,
            message="Only finance can disburse loans.",
            action="loan.disburse_refused",
            target=loan,
        )
        incoming = DisburseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        loan = services.loan_disburse(
            acting_user=request.user, loan=loan, **incoming.validated_data
        )
        return self._answer(loan)

    @extend_schema(
        parameters=[
            OpenApiParameter("on", type=OpenApiTypes.DATE, description="default: today (IST)")
        ],
        responses={200: CoolingOffQuoteSerializer, 409: PROBLEM},
    )
    @action(detail=True, methods=["get"], url_path="cooling-off-quote", filter_backends=[])
    def cooling_off_quote(self, request, pk=None):
        """What cancelling the loan on `on` takes: principal plus interest for the days
        the money was out; no penalty. 409 once the cooling-off period is over."""
        query = CoolingOffQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or today_ist()
        loan = self.get_object()
        quote = services.cooling_off_quote(loan=loan, on=on)
        return Response(CoolingOffQuoteSerializer({"loan": loan.pk, "on": on, **quote}).data)

    @extend_schema(request=None, responses={410: PROBLEM}, deprecated=True)
    @action(detail=True, methods=["post"], url_path="cooling-off-cancel", filter_backends=[])
    def cooling_off_cancel(self, request, pk=None):
        """Gone: it cancelled a loan on a reference the caller typed. Ask to exit with
        POST /api/v1/loans/{id}/exit-requests/; the loan is cancelled when the money
        arrives (docs/payments.md "Cooling-off exit")."""
        raise DomainError(
            "gone",
            "Cancelling on a typed reference is no longer possible. Ask to exit with "
            f"POST /api/v1/loans/{pk}/exit-requests/: the answer gives the amount, the "
            "pay-by date and where to pay; the loan is cancelled when that money arrives.",
            exit_requests=f"/api/v1/loans/{pk}/exit-requests/",
        )


router = SimpleRouter()
router.register("loans", LoanViewSet, basename="loan")
urlpatterns = [path("", include(router.urls))]
