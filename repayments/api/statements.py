"""GET /api/v1/loans/{id}/statement/?format=csv|pdf: every transaction of the loan with its
running balance (repayments.statements), as a download. GET
/api/v1/loans/{id}/no-dues-certificate/: the No Dues Certificate of a closed loan
(repayments.certificates), a PDF; 409 invalid_state for a loan not closed.

The owner or staff with loans.view_loan; anyone else gets 404, never 403. `format` defaults
to csv; anything else than csv or pdf is a 400 problem.
"""

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from lendingsite.errors import DomainError
from loans.selectors import loans_for
from repayments.certificates import certificate_response
from repayments.statements import statement_csv, statement_pdf

FORMATS = {
    "csv": ("text/csv; charset=utf-8", statement_csv),
    "pdf": ("application/pdf", statement_pdf),
}


class LoanStatementView(APIView):
    # `format` is ours, not DRF's renderer switch (URL_FORMAT_OVERRIDE would answer an
    # unknown one with 404): negotiation always picks JSON, which only errors use.
    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        operation_id="loans_statement",
        parameters=[
            OpenApiParameter(
                "format", type=OpenApiTypes.STR, enum=list(FORMATS), description="default: csv"
            )
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="problem+json: unknown format"),
            404: OpenApiResponse(description="problem+json: no such loan (or not yours)"),
        },
    )
    def get(self, request, pk: int):
        """The loan's statement as a CSV or PDF attachment."""
        fmt = request.query_params.get("format", "csv")  # present but blank is refused
        if fmt not in FORMATS:
            raise DomainError(
                "validation_error",
                "The statement comes as csv or pdf.",
                errors={"format": ["must be csv or pdf"]},
            )
        loan = loans_for(request.user).filter(pk=pk).first()
        if loan is None:
            raise DomainError("not_found", "No such loan.")
        content_type, render = FORMATS[fmt]
        response = HttpResponse(render(loan), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="loan-{loan.pk}-statement.{fmt}"'
        # A statement carries personal financial data: never kept by shared caches.
        response["Cache-Control"] = "private, no-store"
        return response


class NoDuesCertificateView(APIView):
    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        operation_id="loans_no_dues_certificate",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="problem+json: no such loan (or not yours)"),
            409: OpenApiResponse(description="problem+json invalid_state: the loan is not closed"),
        },
    )
    def get(self, request, pk: int):
        """The No Dues Certificate of a closed (or foreclosed) loan, as a PDF attachment."""
        loan = loans_for(request.user).filter(pk=pk).first()
        if loan is None:
            raise DomainError("not_found", "No such loan.")
        return certificate_response(loan)


urlpatterns = [
    path("loans/<int:pk>/statement/", LoanStatementView.as_view(), name="loan-statement"),
    path(
        "loans/<int:pk>/no-dues-certificate/",
        NoDuesCertificateView.as_view(),
        name="loan-no-dues-certificate",
    ),
]
