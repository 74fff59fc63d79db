"""Bank statements, the reconciliation queue and virtual accounts (API.md, wave 2:
`POST /api/v1/bank-statements/`). Thin: the rules are reconciliation.services'.

/api/v1/bank-statements/                   GET list, POST multipart `file`[, `file_format`] (finance) → 201
/api/v1/bank-statements/{id}/              GET
/api/v1/statement-lines/                   GET ?statement=&status=&loan=
/api/v1/statement-lines/{id}/assign/       POST {loan[, note]} finance → 200 (proposed)
/api/v1/statement-lines/{id}/approve/      POST finance, not the assigner, re-auth → 200 (posted)
/api/v1/statement-lines/{id}/refund/       POST {reason} finance → 200
/api/v1/virtual-accounts/                  GET ?loan= (staff: all; a borrower: their own)
"""

import django_filters.rest_framework as filters
from django.urls import include, path
from drf_spectacular.utils import OpenApiRequest, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import permission_first
from accounts.twofactor.reauth import reauth_required
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from lendingsite.parsers import StrictMultiPartParser
from reconciliation.models import LineStatus, StatementImport, StatementLine, VirtualAccount
from reconciliation.selectors import lines_for, statements_for, virtual_accounts_for
from reconciliation.serializers import (
    AssignSerializer,
    RefundSerializer,
    StatementImportSerializer,
    StatementLineSerializer,
    StatementUploadSerializer,
    VirtualAccountSerializer,
)
from reconciliation.services.queue import (
    APPROVE_PERM,
    ASSIGN_PERM,
    statement_line_approve,
    statement_line_assign,
    statement_line_refund_mark,
)
from reconciliation.services.statements import IMPORT_PERM, statement_import

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
REFUSALS = {400: PROBLEM, 401: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM, 422: PROBLEM}


class BankStatementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = StatementImportSerializer
    queryset = StatementImport.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return statements_for(self.request.user).order_by("-created_at", "-id")

    def get_parsers(self):
        # The upload is multipart; the schema generator asks without a request.
        if getattr(self.request, "method", "POST") == "POST":
            return [StrictMultiPartParser()]
        return super().get_parsers()

    @extend_schema(
        request={"multipart/form-data": OpenApiRequest(StatementUploadSerializer)},
        responses={201: StatementImportSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request):
        """Import a bank statement (finance): matched credits are posted once, the rest
        queued. Uploading the same file again posts nothing new."""
        # Refused before the upload is read (lendingsite/tests/test_answer_order.py).
        permission_first(
            acting_user=request.user,
            perm=IMPORT_PERM,
            message="Only finance can import bank statements.",
            action="statement.import_refused",
        )
        incoming = StatementUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        upload = incoming.validated_data["file"]
        statement = statement_import(
            acting_user=request.user,
            file=upload,
            file_name=upload.name,
            file_format=incoming.validated_data["file_format"],
        )
        return Response(StatementImportSerializer(statement).data, status=status.HTTP_201_CREATED)


class LineFilter(filters.FilterSet):
    statement = filters.NumberFilter(field_name="statement_id")
    status = filters.ChoiceFilter(choices=LineStatus.choices)
    loan = filters.NumberFilter(field_name="loan_id")

    class Meta:
        model = StatementLine
        fields = ["statement", "status", "loan"]


class StatementLineViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = StatementLineSerializer
    filterset_class = LineFilter
    queryset = StatementLine.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return lines_for(self.request.user).order_by("statement_id", "line_no")

    def _line(self, *, perm: str, message: str, action: str):
        """The line an action is on, once the caller is shown to hold `perm`: someone who
        cannot work the queue (a collector, a borrower) is told 403 before anything is
        looked up or read, like the statement upload."""
        permission_first(acting_user=self.request.user, perm=perm, message=message, action=action)
        return self.get_object()

    def _answer(self, line):
        return Response(StatementLineSerializer(self.get_queryset().get(pk=line.pk)).data)

    @extend_schema(
        request=AssignSerializer,
        responses={200: StatementLineSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def assign(self, request, pk=None):
        """Propose the loan a queued credit belongs to (finance). Posted only once someone
        else approves it."""
        line = self._line(
            perm=ASSIGN_PERM,
            message="Only finance can assign a credit to a loan.",
            action="statement_line.assign_refused",
        )
        incoming = AssignSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        line = statement_line_assign(acting_user=request.user, line=line, **incoming.validated_data)
        return self._answer(line)

    @extend_schema(
        request=None,
        responses={200: StatementLineSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def approve(self, request, pk=None):
        """Approve an assigned credit and post it to the loan (finance; not the person who
        assigned it: 403 `maker_checker`)."""
        line = self._line(
            perm=APPROVE_PERM,
            message="Only finance can approve an assigned credit.",
            action="statement_line.approve_refused",
        )
        line = statement_line_approve(acting_user=request.user, line=line)
        return self._answer(line)

    @extend_schema(
        request=RefundSerializer,
        responses={200: StatementLineSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def refund(self, request, pk=None):
        """Mark a queued credit to be refunded to its sender (finance), with the reason."""
        line = self._line(
            perm=ASSIGN_PERM,
            message="Only finance can mark a credit for refund.",
            action="statement_line.refund_refused",
        )
        incoming = RefundSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        line = statement_line_refund_mark(
            acting_user=request.user, line=line, **incoming.validated_data
        )
        return self._answer(line)


class VirtualAccountViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = VirtualAccountSerializer
    filterset_fields = ["loan"]
    queryset = VirtualAccount.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return virtual_accounts_for(self.request.user).order_by("loan_id")


router = SimpleRouter()
router.register("bank-statements", BankStatementViewSet, basename="bank-statement")
router.register("statement-lines", StatementLineViewSet, basename="statement-line")
router.register("virtual-accounts", VirtualAccountViewSet, basename="virtual-account")
urlpatterns = [path("", include(router.urls))]
