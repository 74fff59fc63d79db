"""What a report is: a name, columns with their kind (how each value is shown and
exported) and `rows(filters)`, an iterator of tuples read from the database in chunks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

# Rows fetched from the database at a time: memory stays flat whatever the report's size.
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | int | money | percent | date | datetime


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    product_id: int | None = None


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Filters], Iterator[tuple]]
    permission: str  # the model permission a viewer needs (same as the model's list)

    def allowed(self, user) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.has_perm(self.permission))
