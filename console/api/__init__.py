"""GET /api/v1/reports/{name}/?from=&to=&product=&format=csv|xlsx|json: the console's
reports for BI tools (console.reports; same rows as the pages and their downloads).
A report the caller may not read, or that does not exist, is 404 not_found; bad
filters are 400 validation_error."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from console.reports import REPORTS, Filters, report_for
from console.reports.export import download
from lendingsite.errors import DomainError

FORMATS = ["csv", "xlsx", "json"]


class ReportQuery(serializers.Serializer):
    # `from` is a Python keyword: the query's from/to are mapped onto these names.
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    product = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    format = serializers.ChoiceField(choices=FORMATS, required=False, default="json")

    def validate(self, attrs):
        if (
            attrs.get("date_from")
            and attrs.get("date_to")
            and attrs["date_from"] > attrs["date_to"]
        ):
            raise serializers.ValidationError({"from": ["is after to"]})
        return attrs


class ReportView(APIView):
    # `format` is ours, not DRF's renderer switch: negotiation always picks JSON, which only
    # errors use (the report itself is a streamed download).
    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        operation_id="reports_retrieve",
        parameters=[
            OpenApiParameter("name", type=OpenApiTypes.STR, location="path", enum=list(REPORTS)),
            OpenApiParameter("from", type=OpenApiTypes.DATE, description="first date, inclusive"),
            OpenApiParameter("to", type=OpenApiTypes.DATE, description="last date, inclusive"),
            OpenApiParameter(
                "product",
                type={"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                description="product id",
            ),
            OpenApiParameter(
                "format", type=OpenApiTypes.STR, enum=FORMATS, description="default: json"
            ),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="problem+json validation_error: bad filter"),
            404: OpenApiResponse(
                description="problem+json not_found: no such report (or not yours)"
            ),
        },
    )
    def get(self, request, name: str):
        """One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment."""
        report = report_for(name)
        if report is None or not report.allowed(request.user):
            raise DomainError("not_found", "No such report.")
        raw = request.query_params
        query = ReportQuery(
            data={
                k: v
                for k, v in {
                    "date_from": raw.get("from"),
                    "date_to": raw.get("to"),
                    "product": raw.get("product"),
                    "format": raw.get("format"),
                }.items()
                if v is not None
            }
        )
        if not query.is_valid():
            errors = {
                {"date_from": "from", "date_to": "to"}.get(k, k): v for k, v in query.errors.items()
            }
            raise DomainError(
                "validation_error", "The report's filters are not valid.", errors=errors
            )
        data = query.validated_data
        f = Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            product_id=data.get("product"),
        )
        return download(report, f, data["format"])


urlpatterns = [path("<slug:name>/", ReportView.as_view(), name="report")]
