"""Fetching DUO's view of a person and bringing Koers's inburgering records in line with it.

``fetch(client, bsn, names)`` consults DUO (read-only); ``apply(person, fetched)`` writes what it
found into the records of ``koers.inburgering`` with source DUO. Applying is idempotent: the records
DUO is the source of are replaced by what DUO holds now, so applying the same answer twice, or two
events in the wrong order, leaves the same records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from koers.duo import events
from koers.duo.client import DuoClient, DuoError
from koers.inburgering.constants import (
    Bron,
    Doelgroepindeling,
    GedetailleerdeDoelgroep,
    OntheffingGrond,
    PlichtStatus,
    VrijstellingSoort,
    target_group_for,
)
from koers.inburgering.models import (
    Examenresultaat,
    Inburgeringsplicht,
    Leerbaarheidstoets,
    Ontheffing,
    Vrijstelling,
)
from koers.people.models import Person

OPERATIONS = {
    events.PLICHT: "getInburgeringsplichtByBsn",
    events.DOELGROEP: "getDoelgroepByBsn",
    events.TERMIJN: "getInburgeringstermijnByBsn",
    events.VRIJSTELLINGEN: "getVrijstellingenByBsn",
    events.ONTHEFFINGEN: "getOntheffingenByBsn",
    events.EXAMENS: "getExamenresultatenByBsn",
    events.LBT: "getLbtResultatenByBsn",
    events.PIP: "getPipByBsn",
    events.MAP: "getMapByBsn",
    events.PVT: "getPvtByBsn",
    events.UREN: "getGevolgdeUrenByBsn",
}

STATUS_BY_REDEN = {
    "Inburgeringsplicht voldaan": PlichtStatus.VOLDAAN,
    "Volledige vrijstelling": PlichtStatus.VRIJGESTELD,
    "Volledige ontheffing": PlichtStatus.ONTHEVEN,
    "Tijdelijke vrijstelling": PlichtStatus.LOPEND,
}
EXAM_PARTS = {"KNM": "knm", "LE": "lezen", "LU": "luisteren", "SC": "schrijven", "SP": "spreken"}
ONTHEFFING_GRONDEN = {"MED": OntheffingGrond.MEDISCH, "BIO": OntheffingGrond.OVERIG}
LBT_INSTRUMENT = "Leerbaarheidstoets (DUO)"


def fetch(client: DuoClient, bsn: str, names: Iterable[str]) -> dict[str, Any]:
    """DUO's current answer per resource; ``None`` where DUO has nothing (404)."""
    found: dict[str, Any] = {}
    for name in names:
        try:
            found[name] = client.call(OPERATIONS[name], bsn=bsn).data
        except DuoError as error:
            if error.status != 404:
                raise
            found[name] = None
    return found


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def apply(person: Person, fetched: dict[str, Any], *, day: dt.date) -> list[str]:
    """Write what DUO holds into Koers; returns what changed, in Dutch, for the timeline."""
    changes: list[str] = []
    if fetched.get(events.PLICHT) is not None or fetched.get(events.DOELGROEP) is not None:
        changes += apply_plicht(person, fetched.get(events.PLICHT) or {}, fetched.get(events.DOELGROEP) or {}, day)
    if events.TERMIJN in fetched:
        changes += apply_termijn(person, fetched[events.TERMIJN])
    if events.VRIJSTELLINGEN in fetched:
        changes += apply_vrijstellingen(person, fetched[events.VRIJSTELLINGEN] or [], day)
    if events.ONTHEFFINGEN in fetched:
        changes += apply_ontheffingen(person, fetched[events.ONTHEFFINGEN] or [])
    if events.EXAMENS in fetched:
        changes += apply_examens(person, fetched[events.EXAMENS] or [])
    if events.LBT in fetched:
        changes += apply_lbt(person, fetched[events.LBT] or [])
    if fetched.get(events.PIP):
        pip = fetched[events.PIP]
        changes.append(
            _("PIP bij DUO: gemeente %(gemeente)s, leerroute %(leerroute)s, dagtekening %(dagtekening)s")
            % {"gemeente": pip["gemeentecode"], "leerroute": pip["pip"]["leerroute"],
               "dagtekening": pip["pip"]["dagtekeningPip"]}
        )
    return changes


def plicht_status(plicht: dict[str, Any]) -> PlichtStatus:
    if plicht.get("indicatorInburgeringsplicht", True):
        return PlichtStatus.LOPEND
    return STATUS_BY_REDEN.get(plicht.get("redenGeenInburgeringsplicht", ""), PlichtStatus.BEEINDIGD)


def apply_plicht(person: Person, plicht: dict[str, Any], doelgroep: dict[str, Any], day: dt.date) -> list[str]:
    record = Inburgeringsplicht.objects.filter(person=person).first()
    indeling = doelgroep.get("indeling") or (record.doelgroep if record else Doelgroepindeling.ASIELSTATUSHOUDER)
    detail = doelgroep.get("gedetailleerdeDoelgroep") or (record.gedetailleerde_doelgroep if record else "")
    start = _date(plicht.get("begindatum")) or (record.start_date if record else day)
    status = plicht_status(plicht) if plicht else (record.status if record else PlichtStatus.LOPEND)
    ended = _date(plicht.get("einddatum")) if status != PlichtStatus.LOPEND else None
    values = {"start_date": start, "doelgroep": indeling, "gedetailleerde_doelgroep": detail, "status": status,
              "ended_on": ended}
    if record is None:
        record = Inburgeringsplicht(person=person, source=Bron.DUO, **values)
        record.save()
        changes = [_("Inburgeringsplicht vanaf %(datum)s") % {"datum": start.isoformat()}]
    else:
        changes = _update(record, values)
    target = target_group_for(Doelgroepindeling(indeling), GedetailleerdeDoelgroep(detail) if detail else None)
    if person.target_group != target:
        changes.append(_("Doelgroep: %(oud)s → %(nieuw)s") % {"oud": person.get_target_group_display(),
                                                              "nieuw": target.label})
        person.target_group = target
        person.save(update_fields=["target_group", "updated_at"])
    return changes


def _update(record: Any, values: dict[str, Any]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.source = Bron.DUO
        record.save()
    return [f"{record._meta.get_field(name).verbose_name}: {values[name]}" for name in changed]


def apply_termijn(person: Person, termijn: dict[str, Any] | None) -> list[str]:
    record = Inburgeringsplicht.objects.filter(person=person).first()
    if record is None or termijn is None:
        return []
    return _update(record, {"termijn_start": _date(termijn["startdatum"]), "termijn_end": _date(termijn["einddatum"])})


def mark_leerroute_term(person: Person, start: dt.date) -> list[str]:
    record = Inburgeringsplicht.objects.filter(person=person).first()
    if record is None or record.leerroute_term_start == start:
        return []
    return _update(record, {"leerroute_term_start": start})


def vrijstelling_rows(items: list[dict[str, Any]], day: dt.date) -> set[tuple]:
    rows = set()
    for item in items:
        if "GeheleVrijstelling" in item and item["GeheleVrijstelling"]["oordeel"] == "Toekenning":
            part = item["GeheleVrijstelling"]
            rows.add((VrijstellingSoort.VOLLEDIG, _date(part.get("datumOordeel")) or day, None, (), part["reden"]))
        if "TijdelijkeVrijstelling" in item and item["TijdelijkeVrijstelling"]["oordeel"] == "Toekenning":
            part = item["TijdelijkeVrijstelling"]
            start = _date(part.get("startdatum")) or _date(part.get("datumOordeel")) or day
            rows.add((VrijstellingSoort.TIJDELIJK, start, _date(part.get("einddatum")), (), part["reden"]))
        if "GedeeltelijkeVrijstelling" in item and item["GedeeltelijkeVrijstelling"]["oordeel"] == "Toekenning":
            part = item["GedeeltelijkeVrijstelling"]
            component = f"{part.get('examenonderdeel', '')} {part.get('examenniveau', '')}".strip()
            start = _date(part.get("datumOordeel")) or day
            rows.add((VrijstellingSoort.GEDEELTELIJK, start, None, (component,) if component else (), part["reden"]))
    return rows


def apply_vrijstellingen(person: Person, items: list[dict[str, Any]], day: dt.date) -> list[str]:
    wanted = vrijstelling_rows(items, day)
    existing = {
        (v.soort, v.start_date, v.end_date, tuple(v.components), v.reason): v
        for v in Vrijstelling.objects.filter(person=person, source=Bron.DUO)
    }
    for key in set(existing) - wanted:
        existing[key].delete()
    added = wanted - set(existing)
    for soort, start, end, components, reason in sorted(added, key=str):
        Vrijstelling.objects.create(person=person, soort=soort, start_date=start, end_date=end,
                                    components=list(components), reason=reason, source=Bron.DUO)
    return [_("Vrijstelling (%(soort)s) vanaf %(datum)s") % {"soort": soort.label, "datum": start.isoformat()}
            for soort, start, *_rest in sorted(added, key=str)]


def apply_ontheffingen(person: Person, items: list[dict[str, Any]]) -> list[str]:
    wanted = set()
    for item in items:
        for kind, volledig in (("GeheleOntheffing", True), ("GedeeltelijkeOntheffing", False)):
            part = item.get(kind)
            if part and part["oordeel"] == "Toekenning":
                wanted.add((ONTHEFFING_GRONDEN[part["grond"]], volledig, _date(part["datumOordeel"]),
                            part.get("examenonderdeel", "")))
    existing = {(o.grond, o.volledig, o.decided_on, o.reason): o for o in Ontheffing.objects.filter(
        person=person, source=Bron.DUO)}
    for key in set(existing) - wanted:
        existing[key].delete()
    added = wanted - set(existing)
    for grond, volledig, decided_on, onderdeel in sorted(added, key=str):
        Ontheffing.objects.create(person=person, grond=grond, volledig=volledig, decided_on=decided_on,
                                  reason=onderdeel, source=Bron.DUO)
    return [_("Ontheffing (%(grond)s) op %(datum)s") % {"grond": grond.label, "datum": decided.isoformat()}
            for grond, _volledig, decided, _onderdeel in sorted(added, key=str)]


def apply_examens(person: Person, items: list[dict[str, Any]]) -> list[str]:
    wanted = {}
    for item in items:
        if item["resultaat"] != "Geen":
            key = (EXAM_PARTS[item["onderdeel"]], item.get("niveau", "NVT"), _date(item["examendatum"]))
            wanted[key] = item["resultaat"] == "Geslaagd"
    existing = {(r.onderdeel, r.niveau, r.exam_date): r for r in Examenresultaat.objects.filter(person=person)}
    changes = []
    for key, passed in sorted(wanted.items(), key=str):
        record = existing.get(key)
        if record is None:
            Examenresultaat.objects.create(person=person, onderdeel=key[0], niveau=key[1], exam_date=key[2],
                                           passed=passed, source=Bron.DUO)
            outcome = _("behaald") if passed else _("niet behaald")
            changes.append(_("Examen %(onderdeel)s %(niveau)s: %(uitslag)s")
                           % {"onderdeel": key[0], "niveau": key[1], "uitslag": outcome})
        elif record.passed != passed:
            record.passed, record.source = passed, Bron.DUO
            record.save(update_fields=["passed", "source"])
    return changes


def _score(value: str) -> int | None:
    try:
        return int(Decimal(value.replace(",", ".")).to_integral_value())
    except InvalidOperation:
        return None


def apply_lbt(person: Person, items: list[dict[str, Any]]) -> list[str]:
    wanted = {
        _date(item["datumAfname"]): (
            _score(item["behaaldeScore"]),
            f"{item['resultaat']} (score {item['behaaldeScore']}, benodigd {item['benodigdeScore']})",
        )
        for item in items
    }
    existing = {t.taken_on: t for t in Leerbaarheidstoets.objects.filter(person=person, instrument=LBT_INSTRUMENT)}
    changes = []
    for taken_on, (score, result) in sorted(wanted.items()):
        record = existing.get(taken_on)
        if record is None:
            Leerbaarheidstoets.objects.create(person=person, taken_on=taken_on, instrument=LBT_INSTRUMENT,
                                              score=score, result=result)
            changes.append(_("Leerbaarheidstoets: %(uitslag)s") % {"uitslag": result})
        elif (record.score, record.result) != (score, result):
            record.score, record.result = score, result
            record.save(update_fields=["score", "result"])
    return changes
