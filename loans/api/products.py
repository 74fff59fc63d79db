"""Products API (API.md "Products"). Thin: shape-check, call loans.services.products.

GET   /api/v1/products/         anyone signed in: active products (staff who may view
                                products see inactive ones too); paginated
GET   /api/v1/products/{code}/  one product, looked up by its code (a slug that never changes)
POST  /api/v1/products/         superuser / credit_manager: create
PATCH /api/v1/products/{code}/  superuser / credit_manager: change some terms

The quote endpoint (POST /api/v1/quotes/) lives in loans.api.quotes and is routed here.
"""

from django.db import models
from django.urls import include, path
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.validators import UniqueValidator

from lendingsite.api_fields import StrictDecimalField
from loans.api import quotes
from loans.api.quotes import plain_messages
from loans.models import LoanProduct
from loans.services.products import (
    EDITABLE_FIELDS,
    product_can_change,
    product_can_create,
    product_create,
    product_update,
    products_for,
)


class ProductSerializer(serializers.ModelSerializer):
    """Every term a product fixes: limits, the quote terms as its defaults (`default_rate`
    is the quote's `annual_rate`), charges, penal charges, strategies and collections."""

    # Limits, rates and charges read as strict decimals (lendingsite.api_fields).
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DecimalField: StrictDecimalField,
    }

    class Meta:
        model = LoanProduct
        fields = ["id", *EDITABLE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            # The service owns the content rules (and says them in plain words); the
            # serializer only checks types, so a duplicate code is the service's to refuse.
            field.validators = [v for v in field.validators if not isinstance(v, UniqueValidator)]
            plain_messages(field)
        return fields


class ProductPermission(BasePermission):
    """Reading needs a sign-in; writing is the service's rule, asked before the body is
    even parsed so an unauthorised caller learns nothing from validation errors."""

    message = "Only a credit manager can create or change loan products."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        if request.method == "POST":
            return product_can_create(request.user)
        return product_can_change(request.user)


class ProductViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProductSerializer
    permission_classes = [IsAuthenticated, ProductPermission]
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["is_active", "interest_method"]

    def get_queryset(self):
        return products_for(self.request.user)

    def create(self, request, *args, **kwargs):
        incoming = ProductSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        product = product_create(acting_user=request.user, **incoming.validated_data)
        return Response(ProductSerializer(product).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        product = self.get_object()
        incoming = ProductSerializer(product, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        product = product_update(
            acting_user=request.user, product=product, **incoming.validated_data
        )
        return Response(ProductSerializer(product).data)


router = SimpleRouter()
router.register("products", ProductViewSet, basename="product")

urlpatterns: list = [
    path("", include(router.urls)),
    path("", include(quotes)),
]
