"""The API's list filters (django-filter), as strict as every other input: a boolean filter
takes `true` or `false` — django-filter reads anything else as "no filter", so `?is_active=yes`
would silently list everything. Blank values are refused earlier, for every parameter
(lendingsite.middleware.StrictInputMiddleware)."""

from django_filters import BooleanFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

BOOLEAN_VALUES = frozenset({"true", "false"})


class StrictFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {
            name: ["Give true or false."]
            for name, field in filterset.filters.items()
            if isinstance(field, BooleanFilter)
            and not BOOLEAN_VALUES.issuperset(request.query_params.getlist(name))
        }
        if errors:
            raise ValidationError(errors)
        return filterset
