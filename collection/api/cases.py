"""Collections cases API (API.md "Collections"): thin views over collection.services.desk.
Who sees which case is collection.selectors.cases_for: a collector sees the cases assigned
to them and gets 404 for anyone else's; managers and auditors see every case.

/api/v1/collection/cases/                 GET  paginated; ?bucket= ?status= ?dpd_min= ?dpd_max=
                                                ?assigned_to= ?legal_escalated=
/api/v1/collection/cases/{id}/            GET  the case with its contacts and promises
/api/v1/collection/cases/{id}/promises/   GET  the case's promises; POST {amount, promised_on}
/api/v1/collection/cases/{id}/contacts/   GET  the case's contacts; POST {channel, outcome, note}
/api/v1/collection/cases/{id}/borrower-phone/  GET  the borrower's full phone number, for the
                                                case's collector or a manager; each call is
                                                an audit event pii.revealed
                                                (collection.services.pii)
"""

import django_filters
from django.db.models import Prefetch
from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import permission_first
from accounts.selectors import mask_phone
from collection.models import (
    CaseStatus,
    CollectionCase,
    ContactChannel,
    ContactLog,
    ContactOutcome,
    PromiseToPay,
)
from collection.selectors import ADD_CONTACT_PERM, ADD_PROMISE_PERM, VIEW_CASE_PERM, cases_for
from collection.services.desk import contact_log, promise_record
from collection.services.pii import FIELD, case_phone_reveal
from lendingsite.api_fields import MoneyField
from lendingsite.errors import DomainError
from loans.models.products import MONEY

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactLog
        fields = ["id", "case", "collector", "channel", "outcome", "note", "contacted_at"]
        read_only_fields = fields


class ContactCreateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    outcome = serializers.ChoiceField(choices=ContactOutcome.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    contacted_at = serializers.DateTimeField(required=False, help_text="default: now")


class PromiseSerializer(serializers.ModelSerializer):
    class Meta:
        model = PromiseToPay
        fields = [
            "id",
            "case",
            "amount",
            "promised_on",
            "status",
            "recorded_by",
            "created_at",
            "settled_on",
        ]
        read_only_fields = fields


class PromiseCreateSerializer(serializers.Serializer):
    amount = MoneyField()
    promised_on = serializers.DateField()


class PendingPromiseSerializer(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY, read_only=True)
    promised_on = serializers.DateField()


class CaseSerializer(serializers.ModelSerializer):
    """Expects collection.selectors.cases_for (the pending promise is an annotation)."""

    borrower = serializers.IntegerField(source="loan.borrower_id", read_only=True)
    borrower_name = serializers.CharField(source="loan.borrower.full_name", read_only=True)
    borrower_phone = serializers.SerializerMethodField(
        help_text="masked (+91******1005); the full number: GET …/borrower-phone/"
    )
    dpd = serializers.IntegerField(source="loan.dpd", read_only=True)
    bucket = serializers.CharField(source="loan.bucket", read_only=True)
    pending_promise = serializers.SerializerMethodField()

    class Meta:
        model = CollectionCase
        fields = [
            "id",
            "loan",
            "borrower",
            "borrower_name",
            "borrower_phone",
            "status",
            "assigned_to",
            "opened_on",
            "closed_on",
            "dpd",
            "bucket",
            "overdue_amount",
            "legal_escalated",
            "escalated_on",
            "pending_promise",
        ]
        read_only_fields = fields

    def get_borrower_phone(self, case) -> str:
        profile = getattr(case.loan.borrower, "profile", None)
        return mask_phone(profile.phone if profile is not None else "")

    @extend_schema_field(PendingPromiseSerializer(allow_null=True))
    def get_pending_promise(self, case) -> dict | None:
        if getattr(case, "promise_due_on", None) is None:
            return None
        return PendingPromiseSerializer(
            {"amount": case.promise_amount, "promised_on": case.promise_due_on}
        ).data


class RevealedPhoneSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    field = serializers.CharField()
    phone = serializers.CharField()


class CaseDetailSerializer(CaseSerializer):
    contacts = ContactSerializer(many=True, read_only=True)
    promises = PromiseSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "contacts", "promises"]
        read_only_fields = fields


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices)
    bucket = django_filters.CharFilter(field_name="loan__bucket")
    dpd_min = django_filters.NumberFilter(field_name="loan__dpd", lookup_expr="gte")
    dpd_max = django_filters.NumberFilter(field_name="loan__dpd", lookup_expr="lte")
    assigned_to = django_filters.NumberFilter(field_name="assigned_to_id")
    legal_escalated = django_filters.BooleanFilter()

    class Meta:
        model = CollectionCase
        fields = ["status", "bucket", "dpd_min", "dpd_max", "assigned_to", "legal_escalated"]


class CanViewCases(permissions.BasePermission):
    message = "Only collections staff can see collection cases."

    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm(VIEW_CASE_PERM))


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CaseSerializer
    permission_classes = [permissions.IsAuthenticated, CanViewCases]
    filterset_class = CaseFilter
    queryset = CollectionCase.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = cases_for(self.request.user).order_by("-loan__dpd", "id")
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("contacts", queryset=ContactLog.objects.order_by("-contacted_at", "-id")),
                Prefetch("promises", queryset=PromiseToPay.objects.order_by("-created_at", "-id")),
            )
        return qs

    def get_serializer_class(self):
        return CaseDetailSerializer if self.action == "retrieve" else CaseSerializer

    def _page(self, rows, serializer_class):
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer_class(page, many=True).data)

    @extend_schema(methods=["GET"], responses={200: PromiseSerializer(many=True), 404: PROBLEM})
    @extend_schema(
        methods=["POST"],
        request=PromiseCreateSerializer,
        responses={201: PromiseSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def promises(self, request, pk=None):
        """GET: the case's promises, newest first. POST: record the borrower's promise to
        pay `amount` by `promised_on` (today to 30 days ahead); the case moves to
        promise_to_pay. The promise is settled at the end of its date: kept if payments
        made from the day of the promise to that date reach the amount, else broken."""
        case = self.get_object()
        if request.method == "GET":
            rows = PromiseToPay.objects.filter(case=case).order_by("-created_at", "-id")
            return self._page(rows, PromiseSerializer)
        permission_first(
            acting_user=request.user,
            perm=ADD_PROMISE_PERM,
            message="Your role cannot record promises on cases.",
            action="case.promise_refused",
            target=case,
        )
        incoming = PromiseCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        promise = promise_record(acting_user=request.user, case=case, **incoming.validated_data)
        return Response(PromiseSerializer(promise).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: ContactSerializer(many=True), 404: PROBLEM})
    @extend_schema(
        methods=["POST"],
        request=ContactCreateSerializer,
        responses={201: ContactSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def contacts(self, request, pk=None):
        """GET: the case's contact log, newest first. POST: record a contact (`channel`,
        `outcome`, `note`, optional `contacted_at`); the first contact moves an open case
        to in_progress."""
        case = self.get_object()
        if request.method == "GET":
            rows = ContactLog.objects.filter(case=case).order_by("-contacted_at", "-id")
            return self._page(rows, ContactSerializer)
        permission_first(
            acting_user=request.user,
            perm=ADD_CONTACT_PERM,
            message="Your role cannot record contacts on cases.",
            action="case.contact_refused",
            target=case,
        )
        incoming = ContactCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        contact = contact_log(acting_user=request.user, case=case, **incoming.validated_data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: RevealedPhoneSerializer, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}
    )
    @action(detail=True, methods=["get"], url_path="borrower-phone", filter_backends=[])
    def borrower_phone(self, request, pk=None):
        """The borrower's full phone number, to call them about this case: for the
        collector the case is assigned to, or a collections manager, while the case is
        open. Each call is recorded (audit `pii.revealed`); a refusal too (`pii.reveal`).
        Someone else's case is a 404, an auditor gets 403, a closed case 409."""
        case = (
            CollectionCase.objects.select_related("loan__borrower__profile").filter(pk=pk).first()
            if str(pk).isdigit()
            else None
        )
        if case is None:
            raise DomainError("not_found", "No such case.")
        phone = case_phone_reveal(acting_user=request.user, case=case)
        response = Response({"case": case.pk, "field": FIELD, "phone": phone})
        response["Cache-Control"] = "private, no-store"
        return response


router = SimpleRouter()
router.register("cases", CaseViewSet, basename="collection-case")
urlpatterns = [path("", include(router.urls))]
