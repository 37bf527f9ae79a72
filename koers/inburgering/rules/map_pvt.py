"""MAP (Module Arbeidsmarkt en Participatie: datum eindgesprek) and PVT (Participatieverklaringstraject:
datum ondertekening), each with the 'Verwijtbaar (Ja/Nee)' flag (duo-m2m README, "Module Arbeidsmarkt en
Participatie (MAP)" and "Participatieverklaringstraject (PVT)"; MAP, PVT en Z-route API schemas
``ResultaatMap`` and ``ResultaatPvt``).

DUO applies the same eleven conditions to both. The municipality sends them with a PUT that replaces
the whole resource, so leaving the date or the flag out withdraws it.

"Overschrijding van de inburgeringstermijn" is read as: the part was not completed inside the term —
its date lies on or after the einddatum (exclusive, see ``koers.inburgering.terms``), or there is no
date and the einddatum has passed. That is the only reading under which all of DUO's verwijtbaar
conditions can hold together: a date inside the term takes no flag, a date after it needs one, and
'Nee' may be sent ahead of time once the einddatum is within two months.

``validate_map`` and ``validate_pvt`` run the rules in the README's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..constants import EerdereLevering, Onderdeel, Verwijtbaar
from ..terms import Inburgeringstermijn, term_warning_dates, within_two_months_of
from .violation import RuleViolation, format_date


class MapPvtCode(StrEnum):
    WIJZIGING_DOOR_ANDERE_GEMEENTE = "map_pvt.wijziging_door_andere_gemeente"
    GEEN_ACTUELE_PIP = "map_pvt.geen_actuele_pip"
    PLICHT_VOLDAAN_VIA_Z_ROUTE = "map_pvt.plicht_voldaan_via_z_route"
    DATUM_VOOR_START_TERMIJN = "map_pvt.datum_voor_start_termijn"
    DATUM_NA_AFRONDING_Z_ROUTE = "map_pvt.datum_na_afronding_z_route"
    DATUM_IN_TOEKOMST = "map_pvt.datum_in_toekomst"
    INTREKKEN_NA_AFRONDING_Z_ROUTE = "map_pvt.intrekken_na_afronding_z_route"
    VERWIJTBAAR_ONTBREEKT = "map_pvt.verwijtbaar_ontbreekt"
    VERWIJTBAAR_BINNEN_TERMIJN = "map_pvt.verwijtbaar_binnen_termijn"
    NEE_BUITEN_TWEE_MAANDEN = "map_pvt.nee_buiten_twee_maanden"
    JA_ZONDER_OVERSCHRIJDING = "map_pvt.ja_zonder_overschrijding"


@dataclass(frozen=True)
class MapSubmission:
    """``PUT /personen/{bsn}/map`` (``ResultaatMap``)."""

    onderdeel: ClassVar[Onderdeel] = Onderdeel.MAP
    date_field: ClassVar[str] = "datum_eindgesprek_map"

    datum_eindgesprek_map: dt.date | None = None
    verwijtbaar: Verwijtbaar | None = None

    @property
    def datum(self) -> dt.date | None:
        return self.datum_eindgesprek_map


@dataclass(frozen=True)
class PvtSubmission:
    """``PUT /personen/{bsn}/pvt`` (``ResultaatPvt``)."""

    onderdeel: ClassVar[Onderdeel] = Onderdeel.PVT
    date_field: ClassVar[str] = "datum_ondertekening_pvt"

    datum_ondertekening_pvt: dt.date | None = None
    verwijtbaar: Verwijtbaar | None = None

    @property
    def datum(self) -> dt.date | None:
        return self.datum_ondertekening_pvt


Resultaat = MapSubmission | PvtSubmission


@dataclass(frozen=True)
class ResultaatContext:
    today: dt.date
    """The day of the submission (the caller passes ``koers.lib.clock.today()``)."""
    termijn: Inburgeringstermijn | None
    """The inburgeringstermijn, once DUO has set it."""
    own_municipality_has_current_pip: bool
    earlier_delivery: EerdereLevering = EerdereLevering.GEEN
    """Who supplied the date or flag DUO holds now."""
    duty_met_via_z_route: bool = False
    z_route_completed_on: dt.date | None = None
    """Datum afronding Z-route as registered at DUO."""


def _label(submission: Resultaat) -> str:
    if submission.onderdeel == Onderdeel.MAP:
        return _("de datum eindgesprek MAP")
    return _("de datum ondertekening PVT")


def is_overschreden(submission: Resultaat, context: ResultaatContext) -> bool:
    """The part was not completed inside the term: its date is on or after the einddatum, or it has no
    date and the einddatum has passed. Without a term nothing can be overrun."""
    if context.termijn is None:
        return False
    day = submission.datum if submission.datum is not None else context.today
    return context.termijn.is_passed_on(day)


def wijziging_alleen_door_leverende_gemeente(
    submission: Resultaat, context: ResultaatContext
) -> RuleViolation | None:
    """Bij een wijziging moet de datum eerder door uw gemeente zijn geleverd."""
    if context.earlier_delivery != EerdereLevering.ANDERE_GEMEENTE:
        return None
    return RuleViolation(
        MapPvtCode.WIJZIGING_DOOR_ANDERE_GEMEENTE,
        None,
        _("%(label)s is door een andere gemeente doorgegeven. Alleen die gemeente kan dit wijzigen.")
        % {"label": capfirst(_label(submission))},
    )


def actuele_pip_van_eigen_gemeente(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige."""
    if context.own_municipality_has_current_pip:
        return None
    return RuleViolation(
        MapPvtCode.GEEN_ACTUELE_PIP,
        None,
        _(
            "Uw gemeente heeft geen actueel PIP voor deze inburgeraar. Alleen de gemeente van het actuele "
            "PIP kan %(label)s doorgeven."
        )
        % {"label": _label(submission)},
    )


def plicht_niet_voldaan_via_z_route(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """De inburgeringsplicht moet nog niet voldaan zijn via de Z-route."""
    if not context.duty_met_via_z_route:
        return None
    return RuleViolation(
        MapPvtCode.PLICHT_VOLDAAN_VIA_Z_ROUTE,
        None,
        _("De inburgeringsplicht is al voldaan via de Z-route. %(label)s kan niet meer worden doorgegeven.")
        % {"label": capfirst(_label(submission))},
    )


def datum_niet_voor_start_termijn(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """De datum mag niet voor de startdatum van de inburgeringstermijn liggen."""
    day, termijn = submission.datum, context.termijn
    if day is None or termijn is None or day >= termijn.startdatum:
        return None
    return RuleViolation(
        MapPvtCode.DATUM_VOOR_START_TERMIJN,
        submission.date_field,
        _("%(label)s (%(datum)s) ligt vóór de start van de inburgeringstermijn (%(start)s).")
        % {
            "label": capfirst(_label(submission)),
            "datum": format_date(day),
            "start": format_date(termijn.startdatum),
        },
    )


def datum_niet_na_afronding_z_route(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """De datum mag niet na de datum afronding Z-route liggen."""
    day, completed = submission.datum, context.z_route_completed_on
    if day is None or completed is None or day <= completed:
        return None
    return RuleViolation(
        MapPvtCode.DATUM_NA_AFRONDING_Z_ROUTE,
        submission.date_field,
        _("%(label)s (%(datum)s) ligt na de afronding van de Z-route (%(afronding)s).")
        % {
            "label": capfirst(_label(submission)),
            "datum": format_date(day),
            "afronding": format_date(completed),
        },
    )


def datum_niet_in_toekomst(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """De datum mag niet in de toekomst liggen."""
    day = submission.datum
    if day is None or day <= context.today:
        return None
    return RuleViolation(
        MapPvtCode.DATUM_IN_TOEKOMST,
        submission.date_field,
        _("%(label)s (%(datum)s) ligt in de toekomst.")
        % {"label": capfirst(_label(submission)), "datum": format_date(day)},
    )


def intrekken_niet_na_afronding_z_route(
    submission: Resultaat, context: ResultaatContext
) -> RuleViolation | None:
    """Als de datum leeg is (t.a.v. het intrekken van een eerder geregistreerde datum), dan mag de datum
    afronding Z-route niet geregistreerd zijn."""
    if submission.datum is not None or context.z_route_completed_on is None:
        return None
    return RuleViolation(
        MapPvtCode.INTREKKEN_NA_AFRONDING_Z_ROUTE,
        submission.date_field,
        _("%(label)s kan niet worden ingetrokken: de afronding van de Z-route is al geregistreerd.")
        % {"label": capfirst(_label(submission))},
    )


def verwijtbaar_verplicht_bij_overschrijding(
    submission: Resultaat, context: ResultaatContext
) -> RuleViolation | None:
    """Als het verzoekbericht geen 'Verwijtbaar (Ja/Nee)' bevat, dan mag er geen sprake zijn van een
    overschrijding van de inburgeringstermijn."""
    termijn = context.termijn
    if submission.verwijtbaar is not None or termijn is None or not is_overschreden(submission, context):
        return None
    return RuleViolation(
        MapPvtCode.VERWIJTBAAR_ONTBREEKT,
        "verwijtbaar",
        _(
            "De inburgeringstermijn (tot en met %(laatste)s) is overschreden. Geef aan of de overschrijding "
            "verwijtbaar is."
        )
        % {"laatste": format_date(termijn.last_day)},
    )


def geen_verwijtbaar_binnen_termijn(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """Als de datum voor de einddatum van de inburgeringstermijn ligt, dan mag de 'Verwijtbaar (Ja/Nee)'
    niet geleverd worden."""
    day, termijn = submission.datum, context.termijn
    if submission.verwijtbaar is None or day is None or termijn is None or termijn.is_passed_on(day):
        return None
    return RuleViolation(
        MapPvtCode.VERWIJTBAAR_BINNEN_TERMIJN,
        "verwijtbaar",
        _(
            "%(label)s (%(datum)s) ligt binnen de inburgeringstermijn (tot en met %(laatste)s). Geef dan "
            "geen verwijtbaarheid door."
        )
        % {
            "label": capfirst(_label(submission)),
            "datum": format_date(day),
            "laatste": format_date(termijn.last_day),
        },
    )


def _no_term() -> str:
    return _("Er is nog geen inburgeringstermijn vastgesteld, dus ook geen verwijtbaarheid om door te geven.")


def nee_alleen_binnen_twee_maanden(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Nee' hebben als de einddatum van de
    inburgeringstermijn binnen twee maanden valt."""
    termijn = context.termijn
    if submission.verwijtbaar != Verwijtbaar.NEE:
        return None
    if termijn is None:
        message = _no_term()
    elif within_two_months_of(termijn.einddatum, context.today):
        return None
    else:
        message = _(
            "'Niet verwijtbaar' kan pas worden doorgegeven als de inburgeringstermijn binnen twee maanden "
            "afloopt, vanaf %(vanaf)s."
        ) % {"vanaf": format_date(term_warning_dates(termijn.einddatum).two_months_before)}
    return RuleViolation(MapPvtCode.NEE_BUITEN_TWEE_MAANDEN, "verwijtbaar", message)


def ja_alleen_bij_overschrijding(submission: Resultaat, context: ResultaatContext) -> RuleViolation | None:
    """'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Ja' hebben als er sprake is van een overschrijding van
    de inburgeringstermijn."""
    termijn = context.termijn
    if submission.verwijtbaar != Verwijtbaar.JA:
        return None
    if termijn is None:
        message = _no_term()
    elif is_overschreden(submission, context):
        return None
    else:
        message = _(
            "'Verwijtbaar' kan alleen worden doorgegeven als de inburgeringstermijn is overschreden. De "
            "termijn loopt tot en met %(laatste)s."
        ) % {"laatste": format_date(termijn.last_day)}
    return RuleViolation(MapPvtCode.JA_ZONDER_OVERSCHRIJDING, "verwijtbaar", message)


RESULTAAT_RULES: tuple[Callable[[Resultaat, ResultaatContext], RuleViolation | None], ...] = (
    wijziging_alleen_door_leverende_gemeente,
    actuele_pip_van_eigen_gemeente,
    plicht_niet_voldaan_via_z_route,
    datum_niet_voor_start_termijn,
    datum_niet_na_afronding_z_route,
    datum_niet_in_toekomst,
    intrekken_niet_na_afronding_z_route,
    verwijtbaar_verplicht_bij_overschrijding,
    geen_verwijtbaar_binnen_termijn,
    nee_alleen_binnen_twee_maanden,
    ja_alleen_bij_overschrijding,
)


def _validate(submission: Resultaat, context: ResultaatContext) -> list[RuleViolation]:
    return [violation for rule in RESULTAAT_RULES if (violation := rule(submission, context)) is not None]


def validate_map(submission: MapSubmission, context: ResultaatContext) -> list[RuleViolation]:
    """Every condition the MAP date and flag break, in the order of ``RESULTAAT_RULES``."""
    return _validate(submission, context)


def validate_pvt(submission: PvtSubmission, context: ResultaatContext) -> list[RuleViolation]:
    """Every condition the PVT date and flag break, in the order of ``RESULTAAT_RULES``."""
    return _validate(submission, context)
