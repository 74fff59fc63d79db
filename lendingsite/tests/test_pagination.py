"""lendingsite.pagination.ShortFirstPagePaginator: a first page shorter than a page is the
whole list, so it is answered without a COUNT; anything else is Django's Paginator."""

import pytest
from django.contrib.auth.models import Permission
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lendingsite.pagination import ShortFirstPagePaginator

pytestmark = pytest.mark.django_db


def rows():
    return Permission.objects.order_by("id")


def answer(paginator, number):
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(number)
        got = (list(page), paginator.count, paginator.num_pages, page.has_next())
    return got, len(queries)


@pytest.mark.parametrize("number", [1, "1"])
def test_a_short_first_page_is_one_query_and_the_same_answer(number):
    total = rows().count()
    got, queries = answer(ShortFirstPagePaginator(rows(), total + 5), number)
    assert queries == 1
    assert got == answer(Paginator(rows(), total + 5), number)[0]
    assert got[1] == total and got[3] is False


def test_an_empty_list_is_one_empty_page():
    got, queries = answer(ShortFirstPagePaginator(rows().none(), 50), 1)
    assert got == ([], 0, 1, False)
    assert queries <= 1


@pytest.mark.parametrize(("size", "number"), [(10, 1), (10, 2), (10, "2")])
def test_a_full_page_or_a_later_page_still_counts(size, number):
    got, queries = answer(ShortFirstPagePaginator(rows(), size), number)
    assert queries == 2  # the COUNT and the page, as Django's own
    assert got == answer(Paginator(rows(), size), number)[0]


def test_a_list_of_exactly_one_page_counts_and_has_no_next_page():
    total = rows().count()
    got, queries = answer(ShortFirstPagePaginator(rows(), total), 1)
    assert queries == 2
    assert got[1] == total and got[3] is False
