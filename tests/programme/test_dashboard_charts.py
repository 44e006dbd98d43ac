"""The dashboard's SVG chart geometry: scales, empty data, a single value, long labels."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from programme.dashboard import charts
from programme.dashboard.charts import Series, bar_chart, line_chart, nice_ticks, shorten


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (-5, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (4, [0, 1, 2, 3, 4]),
        (7, [0, 2, 4, 6, 8]),
        (10, [0, 5, 10]),
        (100, [0, 50, 100]),
        (87.5, [0, 50, 100]),
        (1_200_000, [0, 500_000, 1_000_000, 1_500_000]),
    ],
)
def test_it_picks_round_ticks_that_cover_the_largest_value(maximum, ticks):
    assert nice_ticks(maximum) == ticks


def test_it_never_draws_a_grid_line_between_two_whole_numbers():
    for maximum in (1, 2, 3, 5, 9, 13, 99, 101):
        found = nice_ticks(maximum)
        assert all(float(t).is_integer() for t in found)
        assert found[-1] >= maximum
        assert len(found) <= 6


def test_bar_lengths_are_proportional_to_the_values():
    chart = bar_chart(["a", "b", "c"], [Series("n", [10, 5, 0])])
    full = chart.right - chart.left  # ticks 0, 5, 10: 10 fills the plot
    assert [bar.width for bar in chart.bars] == [full, full / 2, 0]
    assert [bar.x for bar in chart.bars] == [chart.left] * 3
    assert [bar.value_label for bar in chart.bars] == ["10", "5", "0"]
    assert not chart.empty


def test_bars_of_two_series_sit_side_by_side_with_a_legend():
    chart = bar_chart(
        ["AICS", "UE"], [Series("Richiesto", [Decimal("40000"), 10]), Series("Assegnato", [1, 2])]
    )
    assert len(chart.bars) == 4
    assert [item.name for item in chart.legend] == ["Richiesto", "Assegnato"]
    assert chart.bars[0].colour != chart.bars[1].colour
    assert chart.bars[1].y > chart.bars[0].y  # same group, one under the other
    assert chart.bars[0].value_label == "40.000"  # Italian grouping in the default language


def test_a_single_series_has_no_legend():
    assert bar_chart(["a"], [Series("n", [1])]).legend == []


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_zero_data_is_an_empty_chart_not_a_division_by_zero(build):
    chart = build(["2024", "2025"], [Series("n", [0, 0])])
    assert chart.empty
    assert [tick.value for tick in chart.ticks] == [0, 1]


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_no_categories_at_all_still_draws(build):
    chart = build([], [Series("n", [])])
    assert chart.empty
    assert chart.height > 0


def test_one_value_makes_a_dot_without_a_line():
    chart = line_chart(["2025"], [Series("Firme", [7])])
    (line,) = chart.lines
    assert len(line.dots) == 1
    dot = line.dots[0]
    assert dot.x == pytest.approx((chart.left + chart.right) / 2)
    assert chart.top <= dot.y < chart.bottom
    html = render_to_string(
        "programme/dashboard/partials/chart.html",
        {"chart": chart, "chart_id": "c", "title": "Firme", "desc": "d", "empty_text": "vuoto"},
    )
    assert "<polyline" not in html and "<circle" in html


def test_a_line_goes_up_when_the_value_grows_and_skips_missing_years():
    chart = line_chart(["2022", "2023", "2024"], [Series("ICC", [Decimal("50.5"), None, 80])])
    dots = chart.lines[0].dots
    assert len(dots) == 2
    assert dots[1].y < dots[0].y  # higher value, nearer the top
    assert dots[0].value_label == "50,5"


def test_long_labels_are_shortened_with_an_ellipsis_but_kept_whole():
    name = "Agenzia italiana per la cooperazione allo sviluppo (AICS), sede di Roma"
    chart = bar_chart([name], [Series("n", [1])])
    label = chart.labels[0]
    assert len(label.text) == charts.LABEL_CHARS
    assert label.text.endswith("…")
    assert label.full_text == name
    assert shorten("breve") == "breve"


def test_line_chart_labels_thin_out_when_there_is_no_room():
    months = [f"settembre {year}" for year in range(2000, 2026)]
    chart = line_chart(months, [Series("n", list(range(26)))])
    assert 1 < len(chart.labels) < len(months)
    positions = [label.x for label in chart.labels]
    assert min(b - a for a, b in itertools.pairwise(positions)) >= 12 * 7
    assert not chart.show_values  # 26 numbers would collide


def test_the_svg_is_accessible_and_free_of_inline_styles():
    chart = bar_chart(["a", "b"], [Series("n", [3, 1])])
    html = render_to_string(
        "programme/dashboard/partials/chart.html",
        {"chart": chart, "chart_id": "c1", "title": "Pratiche", "desc": "Vedi la tabella."},
    )
    assert 'role="img"' in html
    assert 'aria-labelledby="c1-title c1-desc"' in html
    assert '<title id="c1-title">Pratiche</title>' in html
    assert "style=" not in html and "<script" not in html
    assert html.count("<rect") == 2
