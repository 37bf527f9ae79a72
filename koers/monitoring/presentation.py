"""Figures ready for a screen or a file: formatted values and the bars of an inline SVG chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .figures import Figure, Measure, Row

SUPPRESSED = "x"
BAR_HEIGHT = 14
ROW_HEIGHT = 36
CHART_WIDTH = 600
BAR_SPACE = 500


def format_value(measure: Measure, value: float | None) -> str:
    if value is None:
        return ""
    if measure == Measure.SHARE:
        return f"{number_format(value * 100, 1)} %"
    if measure == Measure.COUNT:
        return number_format(round(value), 0, force_grouping=True)
    if measure == Measure.RATIO:
        return number_format(value, 2)
    return number_format(value, 1)


def row_label(row: Row) -> str:
    return f"{row.group_label} — {row.series_label}" if row.series_label else row.group_label


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    width: float
    label_y: int
    bar_y: int

    @property
    def value_x(self) -> float:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.bar_y + 12


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int = CHART_WIDTH
    bar_height: int = BAR_HEIGHT


def chart_of(figure: Figure, rows: list[Row]) -> Chart:
    """One horizontal bar per row, the label above it; a suppressed row has no bar."""
    values = [r.value for r in rows if r.value is not None]
    top = 1.0 if figure.measure == Measure.SHARE else max(values, default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        text = format_value(figure.measure, row.value) if not row.suppressed else _("afgeschermd")
        width = BAR_SPACE * row.value / top if row.value is not None else 0
        bars.append(Bar(row_label(row), text, round(width, 1), y + 12, y + 16))
    return Chart(bars, max(len(rows) * ROW_HEIGHT, ROW_HEIGHT))


def table_rows(figure: Figure, rows: list[Row]) -> list[tuple[str, str, str, str]]:
    """(breakdown, series, people, value) as text; a suppressed cell reads ``<5`` and no value."""
    return [
        (
            row.group_label,
            row.series_label,
            SUPPRESSED if row.suppressed else number_format(row.people, 0, force_grouping=True),
            format_value(figure.measure, row.value),
        )
        for row in rows
    ]
