"""The self-reliance trend as inline SVG (no JavaScript): one line per life domain over the
measurement moments, with a table beside it that says the same in text."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .policy import DomainSpec

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
# Lines differ in colour and in dash pattern, so that they stay apart without colour.
STYLES = (
    ("#01689b", ""), ("#ca005d", "6 3"), ("#39870c", "2 3"), ("#e17000", "10 4 2 4"),
    ("#42145f", "4 4"), ("#007bc7", "12 3"), ("#673327", "1 2"), ("#8fcae7", "8 2 2 2"),
)


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str
    points: str
    dots: tuple[tuple[float, float, int], ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: tuple[Line, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, int], ...]
    plot_left: int
    plot_right: int
    plot_bottom: int


def _y(score: int) -> float:
    return TOP + (5 - score) * (HEIGHT - TOP - BOTTOM) / 4


def trend_chart(domains: tuple[DomainSpec, ...], measurements: list) -> Chart | None:
    """``measurements`` ordered by month, each with ``month`` and ``scores``; ``None`` without data."""
    if not measurements or not domains:
        return None
    span = WIDTH - LEFT - RIGHT
    step = span / max(len(measurements) - 1, 1)
    xs = [LEFT + (index * step if len(measurements) > 1 else span / 2) for index in range(len(measurements))]
    lines = []
    for index, domain in enumerate(domains):
        colour, dash = STYLES[index % len(STYLES)]
        dots = tuple(
            (round(x, 1), round(_y(m.scores[domain.key]), 1), m.scores[domain.key])
            for x, m in zip(xs, measurements, strict=True) if domain.key in m.scores
        )
        lines.append(Line(domain.label, colour, dash, " ".join(f"{x},{y}" for x, y, _ in dots), dots))
    return Chart(
        width=WIDTH, height=HEIGHT, lines=tuple(lines),
        x_ticks=tuple((round(x, 1), _("%(months)d mnd") % {"months": m.month}) for x, m in zip(xs, measurements, strict=True)),
        y_ticks=tuple((round(_y(s), 1), s) for s in range(1, 6)),
        plot_left=LEFT, plot_right=WIDTH - RIGHT, plot_bottom=HEIGHT - BOTTOM,
    )
