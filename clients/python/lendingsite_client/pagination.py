"""Every list endpoint pages the same way (lendingsite/pagination.py on the server):
``?page=N&page_size=M`` (M at most 200) answering ``{count, next, previous, results}``;
a page past the end is a 404. These walk the pages of any generated list function::

    for payment in iterate(payments_list.sync, client=ls.client, loan=7):
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
MAX_PAGE_SIZE = 200


class Page(Protocol[T_co]):
    @property
    def results(self) -> list[T_co]: ...

    @property
    def next_(self) -> Any: ...


def pages(
    fetch: Callable[..., Page[T] | None], /, *, page_size: int = MAX_PAGE_SIZE, **params: Any
) -> Iterator[Page[T]]:
    """Each page in turn, from the first until one without a ``next`` link."""
    number = 1
    while True:
        page = fetch(page=number, page_size=page_size, **params)
        if page is None:
            return
        yield page
        if not isinstance(page.next_, str) or not page.next_:
            return
        number += 1


def iterate(
    fetch: Callable[..., Page[T] | None], /, *, page_size: int = MAX_PAGE_SIZE, **params: Any
) -> Iterator[T]:
    """Every item of every page."""
    for page in pages(fetch, page_size=page_size, **params):
        yield from page.results
