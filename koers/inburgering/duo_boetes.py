"""DUO's fines when a culpable overrun of the inburgeringstermijn looms.

DUO, not the municipality, fines a newcomer who culpably does not finish a part of the duty within the
term. The maximum amounts (Wi2021, as a municipal policy plan lists them — DOMAIN §2, seed 004): not
passing the exams, the taalschakeltraject or the Z-route €1,000; the PVT not completed and signed
€340; the MAP not completed €340. DUO's API for imposed fines (SDI018) is still on its roadmap, so Koers
shows what is at stake: from six months before the einddatum, every part still open, so the consultant
can act in time, ask for an extension or prepare the verwijtbaar flag.

``open_parts`` is pure; ``looming_fines`` reads a person's records.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from koers.people.models import Person

from .constants import Examenonderdeel, Leerroute, Niveau, PlichtStatus
from .models import Examenresultaat, Inburgeringsplicht, OnderdeelResultaat, Vrijstelling
from .pip import current_pip
from .termijn import TermOverview

LANGUAGE_EXAMS = (Examenonderdeel.SPREKEN, Examenonderdeel.SCHRIJVEN, Examenonderdeel.LEZEN,
                  Examenonderdeel.LUISTEREN)
LEVELS_AT_LEAST = {Niveau.A2: frozenset({"A2", "B1", "B2"}), Niveau.B1: frozenset({"B1", "B2"})}
LOOMING_STAGES = frozenset({"six", "two", "passed"})


class Deel(StrEnum):
    """The parts of the duty DUO fines separately."""

    LEERROUTE = "leerroute"
    PVT = "pvt"
    MAP = "map"


MAXIMUM_EURO = {Deel.LEERROUTE: 1000, Deel.PVT: 340, Deel.MAP: 340}
LABELS = {
    Deel.LEERROUTE: _("Examens, taalschakeltraject of Z-route"),
    Deel.PVT: _("Participatieverklaringstraject (PVT)"),
    Deel.MAP: _("Module Arbeidsmarkt en Participatie (MAP)"),
}


@dataclass(frozen=True)
class RouteStand:
    """How far the duty is: the leerroute and its niveau, the exams passed (component, level), the parts
    completed (``map``, ``pvt``, ``zroute`` with a date) and the components exempted."""

    leerroute: Leerroute | None
    niveau: Niveau | None
    passed: frozenset[tuple[str, str]]
    completed: frozenset[str]
    exempt: frozenset[str]


@dataclass(frozen=True)
class DreigendeBoete:
    deel: Deel

    @property
    def label(self) -> str:
        return str(LABELS[self.deel])

    @property
    def maximum_euro(self) -> int:
        return MAXIMUM_EURO[self.deel]


def _passed(stand: RouteStand, component: str, levels: frozenset[str] | None) -> bool:
    return component in stand.exempt or any(
        onderdeel == component and (levels is None or niveau in levels) for onderdeel, niveau in stand.passed
    )


def leerroute_done(stand: RouteStand) -> bool:
    """The Z-route completed; or in the B1-route every language exam passed at the PIP's niveau (or
    higher) and KNM. The onderwijsroute ends with the taalschakeltraject, which DUO reports as the duty
    met; until then it is open, as is a duty without a PIP."""
    if stand.leerroute == Leerroute.Z_ROUTE:
        return "zroute" in stand.completed
    if stand.leerroute == Leerroute.B1_ROUTE:
        levels = LEVELS_AT_LEAST[stand.niveau or Niveau.B1]
        return all(_passed(stand, exam, levels) for exam in LANGUAGE_EXAMS) and _passed(
            stand, Examenonderdeel.KNM, None
        )
    return False


def open_parts(stand: RouteStand) -> list[DreigendeBoete]:
    """The parts DUO could fine for if the term ran out now, leerroute first."""
    parts = [] if leerroute_done(stand) else [DreigendeBoete(Deel.LEERROUTE)]
    for deel in (Deel.PVT, Deel.MAP):
        if deel not in stand.completed and deel not in stand.exempt:
            parts.append(DreigendeBoete(deel))
    return parts


def route_stand(person: Person) -> RouteStand:
    pip = current_pip(person)
    exempt = {
        component for components in Vrijstelling.objects.filter(person=person).values_list("components", flat=True)
        for component in components or ()
    }
    return RouteStand(
        leerroute=Leerroute(pip.leerroute) if pip else None,
        niveau=Niveau(pip.niveau) if pip and pip.niveau else None,
        passed=frozenset(
            Examenresultaat.objects.filter(person=person, passed=True).values_list("onderdeel", "niveau")
        ),
        completed=frozenset(
            OnderdeelResultaat.objects.filter(person=person, date__isnull=False).values_list("soort", flat=True)
        ),
        exempt=frozenset(exempt),
    )


def looming_fines(
    person: Person, plicht: Inburgeringsplicht | None, term: TermOverview | None
) -> list[DreigendeBoete]:
    """DUO's fines at stake: only while the duty runs and the einddatum is within six months (or past)."""
    running = plicht is not None and plicht.status == PlichtStatus.LOPEND
    if not running or term is None or term.warning_stage not in LOOMING_STAGES:
        return []
    return open_parts(route_stand(person))
