"""Every list endpoint's paging: ``?page=N&page_size=M``. Strict, like every other input:
a page or page size that is not a whole number in range is a 400 naming the parameter
(DRF would quietly use the default); a page past the end is a 404, as DRF answers it."""

from django.core.paginator import Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _whole_number(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


class ShortFirstPagePaginator(Paginator):
    """Django's Paginator, less the COUNT query when the first page is not full: those rows
    are then the whole list, so their number is the count. A borrower's lists (a few
    loans, payments, messages) are one short page; a full page still counts as before."""

    def page(self, number):
        simple = not self.orphans and self.allow_empty_first_page
        if not simple or str(number) != "1" or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # what the cached_property would compute
            return self._get_page(rows, 1, self)
        return self._get_page(rows, self.validate_number(1), self)


class Pagination(PageNumberPagination):
    django_paginator_class = ShortFirstPagePaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _whole_number(raw)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings:
            number = _whole_number(raw)
            if number is None or number < 1:
                raise ValidationError({"page": ["Give a page number from 1."]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters
