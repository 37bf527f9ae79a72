"""Reconciliation: Koers's view of every person of a municipality against DUO's, field by field.

Read-only on both sides: it lists differences and changes nothing (``koers duo-reconcile``). It
compares what DUO decides (duty, target group, term, exams, exemptions) and what the municipality
reported (the current PIP, the MAP and PVT dates, the hours followed), so a message DUO refused or
never got shows as a difference too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from koers.access.models import Municipality
from koers.duo import events, sync
from koers.duo.client import DuoClient, DuoError
from koers.duo.uren import total_hours
from koers.inburgering.constants import PipStatus
from koers.inburgering.models import Examenresultaat, Inburgeringsplicht, OnderdeelResultaat, PipVersie, Vrijstelling
from koers.people.models import Person

COMPARED = (events.PLICHT, events.DOELGROEP, events.TERMIJN, events.EXAMENS, events.VRIJSTELLINGEN, events.PIP,
            events.MAP, events.PVT, events.UREN)
REPORTED_DATES = {
    events.MAP: (OnderdeelResultaat.Soort.MAP, "datumEindgesprekMap", "datum eindgesprek MAP"),
    events.PVT: (OnderdeelResultaat.Soort.PVT, "datumOndertekeningPvt", "datum ondertekening PVT"),
}

Pair = tuple[str, object, object]


@dataclass(frozen=True)
class Difference:
    bsn: str
    field: str
    koers: str
    duo: str


def reconcile(municipality: Municipality, client: DuoClient) -> Iterator[Difference]:
    persons = Person.objects.filter(municipality=municipality).order_by("bsn")
    for person in persons:
        try:
            fetched = sync.fetch(client, person.bsn, COMPARED)
        except DuoError as error:
            yield Difference(person.bsn, "DUO", "", str(error))
            continue
        yield from compare(person, fetched, municipality.cbs_code)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def compare(person: Person, fetched: dict[str, Any], gemeentecode: str) -> Iterator[Difference]:
    plicht = Inburgeringsplicht.objects.filter(person=person).first()
    duo_plicht = fetched.get(events.PLICHT)
    if duo_plicht is None or plicht is None:
        if (duo_plicht is None) != (plicht is None):
            yield Difference(person.bsn, "inburgeringsplicht", "ja" if plicht else "nee", "ja" if duo_plicht else "nee")
        return
    pairs = [
        *_duty_pairs(plicht, duo_plicht, fetched),
        *_record_pairs(person, plicht, fetched),
        *_pip_pairs(person, fetched.get(events.PIP), gemeentecode),
        *_reported_date_pairs(person, fetched),
        _hours_pair(person, fetched.get(events.UREN) or [], gemeentecode),
    ]
    for field, koers_value, duo_value in pairs:
        if _text(koers_value) != _text(duo_value):
            yield Difference(person.bsn, field, _text(koers_value), _text(duo_value))


def _duty_pairs(plicht: Inburgeringsplicht, duo_plicht: dict, fetched: dict[str, Any]) -> list[Pair]:
    doelgroep = fetched.get(events.DOELGROEP) or {}
    termijn = fetched.get(events.TERMIJN) or {}
    return [
        ("begindatum", plicht.start_date.isoformat(), duo_plicht.get("begindatum")),
        ("status", plicht.status, sync.plicht_status(duo_plicht).value),
        ("doelgroep", plicht.doelgroep, doelgroep.get("indeling", plicht.doelgroep)),
        ("startdatum termijn", plicht.termijn_start and plicht.termijn_start.isoformat(), termijn.get("startdatum")),
        ("einddatum termijn", plicht.termijn_end and plicht.termijn_end.isoformat(), termijn.get("einddatum")),
    ]


def _record_pairs(person: Person, plicht: Inburgeringsplicht, fetched: dict[str, Any]) -> list[Pair]:
    """Exams and exemptions as sets: a difference gives the number on each side."""
    pairs: list[Pair] = []
    koers_exams = {(r.onderdeel, r.niveau, r.exam_date.isoformat(), r.passed)
                   for r in Examenresultaat.objects.filter(person=person)}
    duo_exams = {(sync.EXAM_PARTS[e["onderdeel"]], e.get("niveau", "NVT"), e["examendatum"], e["resultaat"] == "Geslaagd")
                 for e in fetched.get(events.EXAMENS) or [] if e["resultaat"] != "Geen"}
    if koers_exams != duo_exams:
        pairs.append(("examenresultaten", len(koers_exams), len(duo_exams)))
    koers_vrij = {(v.soort, v.start_date) for v in Vrijstelling.objects.filter(person=person)}
    duo_vrij = {(row[0].value, row[1])
                for row in sync.vrijstelling_rows(fetched.get(events.VRIJSTELLINGEN) or [], plicht.start_date)}
    if koers_vrij != duo_vrij:
        pairs.append(("vrijstellingen", len(koers_vrij), len(duo_vrij)))
    return pairs


def _pip_pairs(person: Person, duo_pip: dict | None, gemeentecode: str) -> list[Pair]:
    """The current PIP: DUO keeps only the last one it registered."""
    pip = PipVersie.objects.filter(person=person, status=PipStatus.VASTGESTELD).first()
    duo = (duo_pip or {}).get("pip") or {}
    return [
        ("PIP gemeente", gemeentecode if pip else None, (duo_pip or {}).get("gemeentecode")),
        ("PIP leerroute", pip.leerroute if pip else None, duo.get("leerroute")),
        ("PIP dagtekening", pip.dagtekening.isoformat() if pip and pip.dagtekening else None,
         duo.get("dagtekeningPip")),
    ]


def _reported_date_pairs(person: Person, fetched: dict[str, Any]) -> list[Pair]:
    reported = {r.soort: r for r in OnderdeelResultaat.objects.filter(person=person)}
    pairs = []
    for name, (soort, duo_field, label) in REPORTED_DATES.items():
        record = reported.get(soort)
        pairs.append((label, record.date.isoformat() if record and record.date else None,
                      (fetched.get(name) or {}).get(duo_field)))
    return pairs


def _hours_pair(person: Person, duo_hours: list[dict], gemeentecode: str) -> Pair:
    """Hours of lessons followed as this municipality reported them (DUO keeps a total per municipality)."""
    own = next((entry for entry in duo_hours if entry.get("gemeentecode") == gemeentecode), {})
    koers = total_hours(person)
    duo = (own.get("ParticipatieAlsTaalles") or {}).get("uren")
    return ("uren taalles en KNM", koers if koers or duo is not None else None, duo)
