"""Applications API (API.md "Applications"): thin views over loans.services.applications.
Every refusal (permissions, maker-checker, eligibility, wrong state) is raised by the
service and comes back as problem+json; the views only parse, call and serialize.

/api/v1/applications/                 GET (paginated; ?status=, ?grade=), POST
/api/v1/applications/{id}/            GET; PATCH {monthly_income, existing_emis} (re-scores)
/api/v1/applications/{id}/submit/     POST  scores the application
/api/v1/applications/{id}/recommend/  POST  loan officer → under_review (re-scored)
/api/v1/applications/{id}/decision/   GET   staff: today's score, hard stops, the offer
/api/v1/applications/{id}/override-hard-stops/  POST {reason} credit manager, not a maker
/api/v1/applications/{id}/approve/    POST  credit manager, not a maker nor the overrider
                                            → offer + KFS (409 eligibility_hard_stop,
                                            409 account_not_verified)
/api/v1/applications/{id}/reject/     POST  {reason}
/api/v1/applications/{id}/withdraw/   POST
/api/v1/applications/{id}/kfs/        GET   the frozen Key Fact Statement + kfs_hash
/api/v1/applications/{id}/accept/     POST  the borrower → 201 {loan, status}
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import borrower_first, permission_first, refuse_first
from accounts.twofactor.reauth import reauth_required
from lendingsite.errors import DomainError
from loans.models import LoanApplication
from loans.selectors import application_kfs, applications_for
from loans.serializers.applications import (
    AcceptedSerializer,
    AcceptSerializer,
    ApplicationCreateSerializer,
    ApplicationSerializer,
    ApplicationUpdateSerializer,
    ApproveSerializer,
    DecisionSerializer,
    KfsSerializer,
    OverrideInputSerializer,
    ReasonInputSerializer,
    RecommendSerializer,
    decision_data,
)
from loans.services import applications as services
from loans.services.applications.rules import CHANGE_PERM, CREATE_FOR_OTHERS_PERM, DECIDE_PERM

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


def _valid(serializer_class, request) -> dict:
    incoming = serializer_class(data=request.data)
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Borrowers see and act on their own applications (anyone else's is a 404); staff with
    the view permission see all, and act as their role allows."""

    serializer_class = ApplicationSerializer
    filterset_fields = ["status", "grade"]
    queryset = LoanApplication.objects.none()  # for the schema; requests use get_queryset
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            applications_for(self.request.user)
            .select_related("loan")
            .order_by("-created_at", "-id")
        )

    def _gated(self, perm: str, message: str, verb: str) -> LoanApplication:
        """The application (404 if the caller may not see it), once the caller may `verb`
        applications at all: 403 before the body is read (accounts.gates)."""
        app = self.get_object()
        permission_first(
            acting_user=self.request.user,
            perm=perm,
            message=message,
            action=f"application.{verb}_refused",
            target=app,
        )
        return app

    def _answer(self, app, http_status=status.HTTP_200_OK) -> Response:
        return Response(ApplicationSerializer(app).data, status=http_status)

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer, 400: PROBLEM, 403: PROBLEM},
    )
    def create(self, request):
        """Apply for a loan: for yourself, or (loan officers) for the `borrower` given."""
        if not request.user.has_perm(CREATE_FOR_OTHERS_PERM):
            borrower_first(acting_user=request.user, action="application.create_refused")
        data = _valid(ApplicationCreateSerializer, request)
        borrower = data.pop("borrower", None) or request.user
        app = services.application_create(acting_user=request.user, borrower=borrower, **data)
        return self._answer(app, status.HTTP_201_CREATED)

    @extend_schema(
        request=ApplicationUpdateSerializer,
        responses={200: ApplicationSerializer, 403: PROBLEM, 409: PROBLEM},
    )
    def partial_update(self, request, pk=None):
        """Correct the income or existing EMIs (the borrower or a loan officer, before a
        decision); a submitted application is re-scored at once. Naming a decision field
        (status, score, offer...) refuses the whole request (403 protected_field)."""
        app = self.get_object()
        if request.user.pk != app.borrower_id:
            permission_first(
                acting_user=request.user,
                perm=CHANGE_PERM,
                message="Only the borrower or a loan officer can change an application.",
                action="application.update_refused",
                target=app,
            )
        incoming = ApplicationUpdateSerializer(
            data=request.data, context={**self.get_serializer_context(), "guard_target": app}
        )
        incoming.is_valid(raise_exception=True)
        app = services.application_figures_update(
            acting_user=request.user, application=app, **incoming.validated_data
        )
        return self._answer(app)

    @extend_schema(request=None, responses={200: DecisionSerializer, 403: PROBLEM})
    @action(detail=True, methods=["get"], filter_backends=[])
    def decision(self, request, pk=None):
        """Staff: the score on today's facts and what approving now would do — the offer
        (amount, rate, APR), hard stops and whether an override covers them, the payout
        account. Nothing is written."""
        if not request.user.has_perm(services.VIEW_PERM) or not request.user.is_staff:
            raise DomainError("permission_denied", "Only staff see the decision preview.")
        view = services.application_decision_view(application=self.get_object())
        return Response(DecisionSerializer(decision_data(view)).data)

    @extend_schema(
        request=OverrideInputSerializer,
        responses={200: ApplicationSerializer, 400: PROBLEM, 403: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"], url_path="override-hard-stops")
    def override_hard_stops(self, request, pk=None):
        """A credit manager (not a maker) sets aside the application's current hard stops
        with a written reason; another credit manager then approves."""
        app = self._gated(DECIDE_PERM, "Only a credit manager can override hard stops.", "override")
        app = services.application_hard_stops_override(
            acting_user=request.user, application=app, **_valid(OverrideInputSerializer, request)
        )
        return self._answer(app)

    @extend_schema(request=None, responses={200: ApplicationSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft: eligibility is scored (score, grade and reasons in the answer)."""
        app = services.application_submit(acting_user=request.user, application=self.get_object())
        return self._answer(app)

    @extend_schema(request=RecommendSerializer, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def recommend(self, request, pk=None):
        """A loan officer recommends a submitted application for a credit decision."""
        app = self._gated(
            CHANGE_PERM, "Only a loan officer can recommend applications.", "recommend"
        )
        app = services.application_recommend(
            acting_user=request.user, application=app, **_valid(RecommendSerializer, request)
        )
        return self._answer(app)

    @extend_schema(
        request=ApproveSerializer,
        responses={200: ApplicationSerializer, 403: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    @reauth_required
    def approve(self, request, pk=None):
        """Make the offer (default: the grade's amount and rate); fixes the KFS."""
        app = self._gated(DECIDE_PERM, "Only a credit manager can approve applications.", "approve")
        data = {k: v for k, v in _valid(ApproveSerializer, request).items() if v is not None}
        app = services.application_approve(acting_user=request.user, application=app, **data)
        return self._answer(app)

    @extend_schema(request=ReasonInputSerializer, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        app = self._gated(DECIDE_PERM, "Only a credit manager can reject applications.", "reject")
        app = services.application_reject(
            acting_user=request.user, application=app, **_valid(ReasonInputSerializer, request)
        )
        return self._answer(app)

    @extend_schema(request=ReasonInputSerializer, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        app = self.get_object()
        if request.user.pk != app.borrower_id:
            app = self._gated(
                CHANGE_PERM, f"You may not withdraw application #{app.pk}.", "withdraw"
            )
        app = services.application_withdraw(
            acting_user=request.user, application=app, **_valid(ReasonInputSerializer, request)
        )
        return self._answer(app)

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(KfsSerializer, description="Every KFS field"),
            409: PROBLEM,
        },
    )
    @action(detail=True, methods=["get"])
    def kfs(self, request, pk=None):
        """The Key Fact Statement fixed at approval, with the version hash to accept."""
        return Response(application_kfs(self.get_object()))

    @extend_schema(
        request=AcceptSerializer,
        responses={201: AcceptedSerializer, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept the offer: records your consent to this KFS and opens the loan account."""
        app = self.get_object()
        if request.user.pk != app.borrower_id:
            refuse_first(
                acting_user=request.user,
                message=f"Only the borrower can accept the offer on application #{app.pk}.",
                action="application.accept_refused",
                target=app,
            )
        data = _valid(AcceptSerializer, request)
        loan = services.application_accept(
            acting_user=request.user, application=app, kfs_hash_seen=data.get("kfs_hash")
        )
        body = {"loan": loan.pk, "status": loan.status, "application": loan.application_id}
        return Response(body, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("applications", ApplicationViewSet, basename="application")
urlpatterns = router.urls
