"""Reconciliation: Koers's view of every person of a municipality against DUO's, field by field.

Read-only on both sides: it lists differences and changes nothing (``koers duo-reconcile``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from koers.access.models import Municipality
from koers.duo import events, sync
from koers.duo.client import DuoClient, DuoError
from koers.inburgering.models import Examenresultaat, Inburgeringsplicht, Vrijstelling
from koers.people.models import Person

COMPARED = (events.PLICHT, events.DOELGROEP, events.TERMIJN, events.EXAMENS, events.VRIJSTELLINGEN)


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
        yield from compare(person, fetched)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def compare(person: Person, fetched: dict) -> Iterator[Difference]:
    plicht = Inburgeringsplicht.objects.filter(person=person).first()
    duo_plicht = fetched.get(events.PLICHT)
    if duo_plicht is None or plicht is None:
        if (duo_plicht is None) != (plicht is None):
            yield Difference(person.bsn, "inburgeringsplicht", "ja" if plicht else "nee", "ja" if duo_plicht else "nee")
        return
    pairs = [
        ("begindatum", plicht.start_date.isoformat(), duo_plicht.get("begindatum")),
        ("status", plicht.status, sync.plicht_status(duo_plicht).value),
    ]
    doelgroep = fetched.get(events.DOELGROEP) or {}
    pairs.append(("doelgroep", plicht.doelgroep, doelgroep.get("indeling", plicht.doelgroep)))
    termijn = fetched.get(events.TERMIJN) or {}
    pairs.append(("startdatum termijn", plicht.termijn_start and plicht.termijn_start.isoformat(),
                  termijn.get("startdatum")))
    pairs.append(("einddatum termijn", plicht.termijn_end and plicht.termijn_end.isoformat(), termijn.get("einddatum")))
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
    for field, koers_value, duo_value in pairs:
        if _text(koers_value) != _text(duo_value):
            yield Difference(person.bsn, field, _text(koers_value), _text(duo_value))
