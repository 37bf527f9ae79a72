"""DUO's view of Koers's records, to start the simulator with (the demo, ``koers bench duo``).

DUO holds what it decided (duty, target group, term, exemptions, ontheffingen, exams) and what the
municipality reported and DUO accepted: the records with ``sent_to_duo_at`` (the PIP version DUO
registered last, the offers, the MAP/PVT/Z-route dates), the hours and the contactpersonen DUO gave
an id. A simulator seeded from a database agrees with it: reconciliation finds no differences.
"""

from __future__ import annotations

from typing import Any

from koers.access.models import Municipality
from koers.duo import sync
from koers.duo.models import Contactpersoon, ContactpersoonLink
from koers.duo.simulator import Reported, SimPerson, Simulator
from koers.duo.uren import counts_participation, totals_per_person
from koers.inburgering import aanbod, examens, pip
from koers.inburgering.constants import OntheffingGrond, PipStatus, PlichtStatus, VrijstellingSoort
from koers.inburgering.models import (
    Examenresultaat,
    Inburgeringsplicht,
    Instelling,
    OnderdeelResultaat,
    Ontheffing,
    Vrijstelling,
)
from koers.lib.sql import in_lists

REDEN_BY_STATUS = {
    **{status: reden for reden, status in sync.STATUS_BY_REDEN.items() if status != PlichtStatus.LOPEND},
    PlichtStatus.BEEINDIGD: "Overig",
}
EXAM_CODES = {part: code for code, part in sync.EXAM_PARTS.items()}
VRIJSTELLING_KINDS = {
    VrijstellingSoort.VOLLEDIG: ("GeheleVrijstelling", "DIP"),
    VrijstellingSoort.TIJDELIJK: ("TijdelijkeVrijstelling", "OPL"),
    VrijstellingSoort.GEDEELTELIJK: ("GedeeltelijkeVrijstelling", "DOC"),
}
VRIJSTELLING_REDENEN = {"AVI", "DIP", "DOC", "GED", "INB", "INS", "OPL"}
DUO_EXAM_LEVELS = {"A2", "B1", "B2"}


def seed_from_koers(simulator: Simulator, limit: int | None = None) -> int:
    """Give the simulator every municipality, instelling and contactpersoon, and DUO's view of every
    person with an inburgeringsplicht in Koers (with ``limit``, of that many, the first by id);
    returns how many persons."""
    for municipality in Municipality.objects.all():
        simulator.municipalities[municipality.oin] = municipality.cbs_code
    for instelling in Instelling.objects.all():
        simulator.add_instelling({
            "instellingsnummer": instelling.instellingsnummer, "naam": instelling.naam, "postcode": "1011AB",
            "huisnummer": 1, "plaatsnaam": "Amsterdam", "indicatieBowKeurmerk": instelling.bow_keurmerk,
            "indicatieTstKeurmerk": instelling.tst_keurmerk,
        })
    for contactpersoon in Contactpersoon.objects.filter(duo_id__isnull=False).select_related("municipality"):
        simulator.contactpersonen[contactpersoon.duo_id] = {
            "gemeentecode": contactpersoon.municipality.cbs_code, "gegevens": contactpersoon.gegevens,
        }
    plichten = Inburgeringsplicht.objects.select_related("person__municipality").prefetch_related(*PREFETCH)
    chosen = plichten.order_by("pk").values_list("pk", flat=True)
    ids = list(chosen[:limit] if limit is not None else chosen)
    for part in in_lists(ids):
        batch = list(plichten.filter(pk__in=part).order_by("pk"))
        person_ids = [plicht.person_id for plicht in batch]
        hours = totals_per_person(person_ids)
        linked = ContactpersoonLink.objects.filter(person_id__in=person_ids, contactpersoon__duo_id__isnull=False)
        links = dict(linked.values_list("person_id", "contactpersoon__duo_id"))
        for plicht in batch:
            sim = sim_person(plicht, hours[plicht.person_id])
            sim.contactpersoon_id = links.get(plicht.person_id)
            simulator.add_person(sim)
    return len(ids)


PREFETCH = ("person__vrijstellingen", "person__ontheffingen", "person__examenresultaten", "person__pip_versies",
            "person__onderdeelresultaten", "person__inburgeringsaanbod__instelling")


def sim_person(plicht: Inburgeringsplicht, hours: tuple[int, int]) -> SimPerson:
    """DUO's record of the person whose duty is ``plicht`` (with the relations of ``PREFETCH``), who
    followed ``hours`` (lessons, participation)."""
    person = plicht.person
    gemeentecode = person.municipality.cbs_code
    sim = SimPerson(
        bsn=person.bsn, gemeentecode=gemeentecode, plicht=_plicht(plicht), doelgroep=_doelgroep(plicht),
        settlement_date=person.brp_registration_date or person.koppeling_date,
        vrijstellingen=[_vrijstelling(v) for v in person.vrijstellingen.all()],
        ontheffingen=[_ontheffing(o) for o in person.ontheffingen.all()],
        examens=[_examen(e) for e in person.examenresultaten.all()],
    )
    if plicht.termijn_start and plicht.termijn_end:
        sim.termijn = {"startdatum": plicht.termijn_start.isoformat(), "einddatum": plicht.termijn_end.isoformat()}
    _reported(sim, plicht, hours)
    return sim


def _plicht(plicht: Inburgeringsplicht) -> dict[str, Any]:
    record: dict[str, Any] = {"indicatorInburgeringsplicht": plicht.status == PlichtStatus.LOPEND,
                              "begindatum": plicht.start_date.isoformat()}
    if plicht.status != PlichtStatus.LOPEND:
        record["redenGeenInburgeringsplicht"] = REDEN_BY_STATUS[PlichtStatus(plicht.status)]
        if plicht.ended_on:
            record["einddatum"] = plicht.ended_on.isoformat()
    return record


def _doelgroep(plicht: Inburgeringsplicht) -> dict[str, Any]:
    record = {"indeling": plicht.doelgroep, "begindatum": plicht.start_date.isoformat()}
    if plicht.gedetailleerde_doelgroep:
        record["gedetailleerdeDoelgroep"] = plicht.gedetailleerde_doelgroep
    return record


def _vrijstelling(vrijstelling: Vrijstelling) -> dict[str, Any]:
    kind, default_reden = VRIJSTELLING_KINDS[VrijstellingSoort(vrijstelling.soort)]
    part: dict[str, Any] = {"oordeel": "Toekenning",
                            "reden": vrijstelling.reason if vrijstelling.reason in VRIJSTELLING_REDENEN else default_reden}
    if vrijstelling.soort == VrijstellingSoort.TIJDELIJK:
        part["startdatum"] = vrijstelling.start_date.isoformat()
        if vrijstelling.end_date:
            part["einddatum"] = vrijstelling.end_date.isoformat()
    else:
        part["datumOordeel"] = vrijstelling.start_date.isoformat()
    return {kind: part}


def _ontheffing(ontheffing: Ontheffing) -> dict[str, Any]:
    grond = "MED" if ontheffing.grond == OntheffingGrond.MEDISCH else "BIO"
    kind = "GeheleOntheffing" if ontheffing.volledig else "GedeeltelijkeOntheffing"
    return {kind: {"oordeel": "Toekenning", "datumOordeel": ontheffing.decided_on.isoformat(), "grond": grond}}


def _examen(resultaat: Examenresultaat) -> dict[str, Any]:
    record = {"examendatum": resultaat.exam_date.isoformat(), "resultaat": "Geslaagd" if resultaat.passed else "Gezakt",
              "onderdeel": EXAM_CODES[resultaat.onderdeel]}
    if resultaat.niveau in DUO_EXAM_LEVELS:
        record["niveau"] = resultaat.niveau
    return record


def _reported(sim: SimPerson, plicht: Inburgeringsplicht, hours: tuple[int, int]) -> None:
    """What the municipality reported and DUO accepted: the messages Koers builds, as DUO keeps them."""
    person, gemeentecode = plicht.person, sim.gemeentecode
    versions = sorted(person.pip_versies.all(), key=lambda version: version.number)
    sent_pips = [v for v in versions if v.sent_to_duo_at and v.dagtekening and v.status != PipStatus.CONCEPT]
    if sent_pips:
        sim.pip, sim.pip_gemeentecode = pip.duo_payload(sent_pips[-1]), gemeentecode
        sim.first_pip_date = min(version.dagtekening for version in sent_pips)
    for resultaat in person.onderdeelresultaten.all():
        if not resultaat.sent_to_duo_at:
            continue
        payload = examens.duo_payload(resultaat.soort, resultaat.date, resultaat.verwijtbaar)
        if resultaat.soort == OnderdeelResultaat.Soort.Z_ROUTE:
            sim.zroute = payload
        else:
            sim.resultaten[resultaat.soort] = Reported(payload, gemeentecode)
    for offer in person.inburgeringsaanbod.all():
        if offer.sent_to_duo_at:
            sim.aanbod[offer.instelling.instellingsnummer] = aanbod.duo_payload(offer)
    lessons, participation = hours
    current = next((v.leerroute for v in versions if v.status == PipStatus.VASTGESTELD), None)
    totals: dict[str, Any] = {}
    if lessons:
        totals["ParticipatieAlsTaalles"] = {"uren": lessons}
    if participation and counts_participation(plicht.doelgroep, current):
        totals["ParticipatieactiviteitenBredeIntake"] = {"uren": participation}
    if totals:
        sim.uren[gemeentecode] = totals

