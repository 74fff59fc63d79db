"""The dashboard's pure calculations (console.charts): ratios, the roll-rate matrix and the
SVG geometry, directly and with hypothesis."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from console.charts import (
    HEIGHT,
    PAD_BOTTOM,
    PAD_TOP,
    WIDTH,
    bars,
    paired_bars,
    percent,
    roll_matrix,
)

money = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)


def test_percent():
    assert percent(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert percent(0, 0) is None  # an empty book has no ratio, not 0%
    assert percent(Decimal("5"), Decimal("5")) == Decimal("100.00")


@given(part=money, extra=money)
def test_percent_stays_within_0_and_100_for_a_part_of_the_whole(part, extra):
    whole = part + extra
    got = percent(part, whole)
    assert got is None if whole == 0 else Decimal(0) <= got <= Decimal(100)


def test_roll_matrix_rows_are_shares_of_their_from_bucket():
    cells = [
        {"from_bucket": "current", "to_bucket": "current", "loans": 3},
        {"from_bucket": "current", "to_bucket": "SMA-0", "loans": 1},
        {"from_bucket": "SMA-0", "to_bucket": "SMA-1", "loans": 2},
        {"from_bucket": "WEIRD", "to_bucket": "current", "loans": 1},
    ]
    rows = roll_matrix(cells, ["current", "SMA-0", "SMA-1"])
    assert [r["from"] for r in rows] == ["current", "SMA-0", "WEIRD"]
    current = {c["to"]: (c["loans"], c["percent"]) for c in rows[0]["cells"]}
    assert current["current"] == (3, Decimal("75.00"))
    assert current["SMA-0"] == (1, Decimal("25.00"))
    assert rows[1]["total"] == 2


@given(st.lists(st.tuples(st.text(min_size=1, max_size=5), money), min_size=1, max_size=24))
def test_bars_fit_the_canvas_and_the_tallest_is_the_largest(series):
    drawn = bars(series)
    assert len(drawn) == len(series)
    for b in drawn:
        assert b.x >= 0 and b.x + b.width <= WIDTH + 0.1
        assert b.y >= PAD_TOP - 0.1 and b.y + b.height <= HEIGHT - PAD_BOTTOM + 0.1
    top = max(v for _, v in series)
    if top > 0:
        largest = next(b for b in drawn if b.value == top)
        assert largest.height == max(b.height for b in drawn)  # (equal after rounding: ties)


@given(st.lists(st.tuples(st.just("m"), money, money), min_size=1, max_size=12))
def test_paired_bars_share_one_scale(series):
    drawn = paired_bars(series)
    for (_, a, b), pair in zip(series, drawn, strict=True):
        ha, hb = pair["bars"][0]["height"], pair["bars"][1]["height"]
        if a > b:
            assert ha >= hb
        elif b > a:
            assert hb >= ha


def test_negative_values_draw_no_bar():
    (b,) = bars([("x", Decimal("-5"))])
    assert b.height == 0
