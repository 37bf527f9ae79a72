"""The breakdowns of every figure: gender, age band, target group, country of origin and literacy,
and the municipality (the view across municipalities of a region or the ministry).

A dimension is an SQL expression on the person (reached from another model through ``prefix``, e.g.
``person__``), so a figure groups by it in the database, and a label for each of its values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Case, CharField, Expression, F, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from koers.access.models import Municipality
from koers.people.constants import Gender, Literacy, TargetGroup

ALL = "totaal"


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str
    lowest_age: int


# From the oldest band down: a person falls in the first band whose lowest age they have reached.
AGE_BANDS = (
    AgeBand("60+", _("60 jaar en ouder"), 60),
    AgeBand("45-59", _("45 tot en met 59 jaar"), 45),
    AgeBand("30-44", _("30 tot en met 44 jaar"), 30),
    AgeBand("18-29", _("18 tot en met 29 jaar"), 18),
    AgeBand("0-17", _("Jonger dan 18 jaar"), 0),
)


def age_band_expression(prefix: str, today: dt.date) -> Expression:
    """The age band on ``today``: born on or before the day a person reaches the band's lowest age."""
    born = f"{prefix}date_of_birth"
    return Case(
        *(
            When(**{f"{born}__lte": today - relativedelta(years=band.lowest_age)}, then=Value(band.key))
            for band in AGE_BANDS
        ),
        default=Value(AGE_BANDS[-1].key),
        output_field=CharField(),
    )


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    expression: Callable[[str, dt.date], Expression]
    value_label: Callable[[str], str]
    choices: Callable[[], list[tuple[str, str]]]
    named: Callable[[Iterable], dict] | None = None
    """When the database groups by a key rather than by the value shown (the municipality's id, an
    integer that is cheaper to group by than its name): the value for each key."""


def municipality_names(ids: Iterable) -> dict[int, str]:
    return dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))


def _field(name: str) -> Callable[[str, dt.date], Expression]:
    return lambda prefix, today: F(f"{prefix}{name}")


def _choice_label(choices) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


def _country_label(code: str) -> str:
    return str(countries.name(code)) or code


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension(
            ALL,
            _("Geen uitsplitsing"),
            lambda prefix, today: Value(ALL, output_field=CharField()),
            lambda value: str(_("Totaal")),
            list,
        ),
        Dimension(
            "gender", _("Geslacht"), _field("gender"), _choice_label(Gender.choices), lambda: Gender.choices
        ),
        Dimension(
            "age_band",
            _("Leeftijdsgroep"),
            age_band_expression,
            _choice_label([(b.key, b.label) for b in AGE_BANDS]),
            lambda: [(b.key, b.label) for b in reversed(AGE_BANDS)],
        ),
        Dimension(
            "target_group",
            _("Doelgroep"),
            _field("target_group"),
            _choice_label(TargetGroup.choices),
            lambda: TargetGroup.choices,
        ),
        Dimension(
            "country_of_origin",
            _("Land van herkomst"),
            _field("country_of_origin"),
            _country_label,
            lambda: list(countries),
        ),
        Dimension(
            "literacy",
            _("Alfabetisering"),
            _field("literacy"),
            _choice_label(Literacy.choices),
            lambda: Literacy.choices,
        ),
        Dimension("municipality", _("Gemeente"), _field("municipality_id"), str, list, municipality_names),
    )
}
