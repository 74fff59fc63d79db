"""Bank account endpoints (API.md, wave 2). Thin: parse, call a service, serialize.

/api/v1/me/bank-accounts/              GET, POST  the caller's accounts; add one (it becomes
                                                  the payout account and is checked at once)
/api/v1/bank-accounts/                 GET        officers: every account (?status=); others
                                                  their own
/api/v1/bank-accounts/{id}/            GET
/api/v1/bank-accounts/{id}/verify/     POST       loan officers (not the borrower, not who
                                                  added it): run the verifier, or record a
                                                  verification from a document
"""

from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import borrower_first, permission_first
from accounts.models import BankAccount
from accounts.selectors import bank_accounts_of_user, bank_accounts_visible_to, profile_for_user
from accounts.serializers.bank import (
    BankAccountCreateSerializer,
    BankAccountSerializer,
    BankAccountVerifySerializer,
)
from accounts.services.bank_accounts import VERIFY_PERM, bank_account_add, bank_account_verify
from lendingsite.errors import DomainError

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


class MyBankAccountViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = BankAccountSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BankAccount.objects.none()
        return bank_accounts_of_user(user=self.request.user)

    @extend_schema(
        request=BankAccountCreateSerializer,
        responses={201: BankAccountSerializer, 400: PROBLEM, 409: PROBLEM},
    )
    def create(self, request):
        """Add the account the loan should be paid into. It replaces your current one and
        is checked against your KYC name at once; added while an offer is open, an officer
        must verify it first."""
        borrower_first(acting_user=request.user, action="bank_account.add_refused")
        incoming = BankAccountCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        profile = profile_for_user(user=request.user)
        if profile is None:
            raise DomainError(
                "invalid_state",
                "You have no borrower profile yet. Fill it in before adding a bank account.",
            )
        account = bank_account_add(
            acting_user=request.user, profile=profile, **incoming.validated_data
        )
        return Response(BankAccountSerializer(account).data, status=status.HTTP_201_CREATED)


class BankAccountViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Officers see every account; anyone else only their own (others are 404)."""

    serializer_class = BankAccountSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BankAccount.objects.none()
        return bank_accounts_visible_to(user=self.request.user)

    @extend_schema(
        request=BankAccountVerifySerializer,
        responses={200: BankAccountSerializer, 403: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Verify the account: with an empty body the verifier runs; with `name_seen` and
        `evidence` the name on that document is matched to the KYC name. Needed for an
        account changed after an offer."""
        account = self.get_object()
        permission_first(
            acting_user=request.user,
            perm=VERIFY_PERM,
            message="Only a loan officer can verify bank accounts.",
            action="bank_account.verify_refused",
            target=account,
        )
        incoming = BankAccountVerifySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        account = bank_account_verify(
            acting_user=request.user, account=account, **incoming.validated_data
        )
        return Response(BankAccountSerializer(account).data)


router = SimpleRouter()
router.register("me/bank-accounts", MyBankAccountViewSet, basename="my-bank-account")
router.register("bank-accounts", BankAccountViewSet, basename="bank-account")

urlpatterns = [path("", include(router.urls))]
