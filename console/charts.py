"""Pure calculations behind the dashboard: ratios, the roll-rate matrix and the geometry of
the server-rendered SVG charts (no database, no clock; console/tests/test_charts.py).

Charts are SVG drawn by templates from these numbers: no script, so nothing for the
Content-Security-Policy to allow, and each chart is followed by the table of its figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

HUNDRED = Decimal(100)
TWO = Decimal("0.01")


def percent(part, whole) -> Decimal | None:
    """part / whole as a percentage with two decimals; None when whole is zero (a ratio of
    an empty book is not 0%)."""
    part, whole = Decimal(part or 0), Decimal(whole or 0)
    if whole == 0:
        return None
    return (part * HUNDRED / whole).quantize(TWO, rounding=ROUND_HALF_EVEN)


def roll_matrix(cells: list[dict], buckets: list[str]) -> list[dict]:
    """Rows of the roll-rate matrix: for each bucket at the previous month end, the loans
    that moved to each bucket now and their share of the row (percent of loans).
    `cells` are {from_bucket, to_bucket, loans}; buckets outside `buckets` are appended."""
    names = list(buckets)
    for c in cells:
        for name in (c["from_bucket"], c["to_bucket"]):
            if name not in names:
                names.append(name)
    counts = {(c["from_bucket"], c["to_bucket"]): int(c["loans"]) for c in cells}
    rows = []
    for src in names:
        total = sum(counts.get((src, dst), 0) for dst in names)
        if not total:
            continue
        rows.append(
            {
                "from": src,
                "total": total,
                "cells": [
                    {
                        "to": dst,
                        "loans": counts.get((src, dst), 0),
                        "percent": percent(counts.get((src, dst), 0), total),
                    }
                    for dst in names
                ],
            }
        )
    return rows


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    x: float
    y: float
    width: float
    height: float
    label_x: float


WIDTH, HEIGHT, PAD_BOTTOM, PAD_TOP = 600.0, 220.0, 24.0, 8.0


def bars(series: list[tuple[str, Decimal]], *, width: float = WIDTH, height: float = HEIGHT):
    """Vertical bars for (label, value) pairs scaled to the largest value; negative values
    are drawn as zero-height bars (the table beside the chart carries the figure)."""
    if not series:
        return []
    top = max((Decimal(v) for _, v in series), default=Decimal(0))
    plot = height - PAD_BOTTOM - PAD_TOP
    slot = width / len(series)
    bar_w = slot * 0.7
    out = []
    for i, (label, value) in enumerate(series):
        v = max(Decimal(value), Decimal(0))
        h = float(v / top) * plot if top > 0 else 0.0
        x = i * slot + (slot - bar_w) / 2
        out.append(
            Bar(
                label=label,
                value=Decimal(value),
                x=round(x, 1),
                y=round(PAD_TOP + plot - h, 1),
                width=round(bar_w, 1),
                height=round(h, 1),
                label_x=round(x + bar_w / 2, 1),
            )
        )
    return out


def paired_bars(series: list[tuple[str, Decimal, Decimal]], *, width: float = WIDTH):
    """Two bars per label (demand beside collection), on one scale."""
    if not series:
        return []
    top = max(max(Decimal(a), Decimal(b)) for _, a, b in series)
    plot = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = width / len(series)
    bar_w = slot * 0.35
    out = []
    for i, (label, a, b) in enumerate(series):
        x = i * slot + slot * 0.15
        pair = []
        for j, value in enumerate((a, b)):
            v = max(Decimal(value), Decimal(0))
            h = float(v / top) * plot if top > 0 else 0.0
            pair.append(
                {
                    "x": round(x + j * bar_w, 1),
                    "y": round(PAD_TOP + plot - h, 1),
                    "width": round(bar_w, 1),
                    "height": round(h, 1),
                }
            )
        out.append({"label": label, "label_x": round(x + bar_w, 1), "bars": pair})
    return out
