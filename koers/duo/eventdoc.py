"""The handler of every DUO event code as a readable table (``docs/duo-events.md``), generated from
``koers.duo.events`` and the codes in DUO's ``Gebeurtenissen.md`` and ``Attentiesignalen.md``
(``koers duo-events``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from koers.duo import events, specs, sync

SPEC_FILES = ("Gebeurtenissen/Gebeurtenissen.md", "Gebeurtenissen/Attentiesignalen.md")
CODE = re.compile(r"\bSS\d{3}\b")

UPDATES = {
    events.PLICHT: "inburgeringsplicht (begin, status, einde)",
    events.DOELGROEP: "doelgroep van de plicht en van het dossier",
    events.TERMIJN: "inburgeringstermijn (start, einde)",
    events.VRIJSTELLINGEN: "vrijstellingen",
    events.ONTHEFFINGEN: "ontheffingen",
    events.EXAMENS: "examenresultaten",
    events.LBT: "leerbaarheidstoets",
    events.PIP: "tijdlijn: het PIP dat DUO kent (gemeente, leerroute, dagtekening)",
}
VERLENGING = {
    "ambtshalve": "termijnverlenging (ambtshalve, toegekend)",
    "op_verzoek": "termijnverlenging (op verzoek, toegekend)",
    "geweigerd": "termijnverlenging (op verzoek, afgewezen)",
}


@dataclass(frozen=True)
class SpecEvent:
    """Where DUO's documentation names a code: the document and its section."""

    code: str
    document: str
    section: str


def spec_events() -> dict[str, SpecEvent]:
    """Every SS code in DUO's event documents, with the section that names it first."""
    found: dict[str, SpecEvent] = {}
    for name in SPEC_FILES:
        section = ""
        for line in (specs.spec_dir() / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                section = line.lstrip("#").strip()
                continue
            for code in CODE.findall(line):
                found.setdefault(code, SpecEvent(code, Path(name).stem, section))
    return found


def updates(event: events.EventType) -> str:
    parts = [UPDATES[name] for name in event.fetch]
    if event.starts_leerroute_term:
        parts.append("start van de 10 weken voor de leerroute")
    if event.verlenging:
        parts.append(VERLENGING[event.verlenging])
    return "; ".join([*parts, "regel op de tijdlijn"])


def action(event: events.EventType) -> str:
    parts = []
    if event.attention is not None:
        when = f"binnen {event.attention} dagen" if event.attention else "direct"
        parts.append(f"attentiesignaal, {when}: {event.task}")
    if event.announces_person:
        parts.append("zonder dossier: op de lijst 'Aangemeld door DUO', verwerkt zodra het dossier er is")
    return "; ".join(parts) or "—"


def events_markdown() -> str:
    documented = spec_events()
    lines = [
        "# Gebeurtenissen en attentiesignalen van DUO",
        "",
        "Gegenereerd uit `koers/duo/events.py` en DUO's `Gebeurtenissen/` met `koers duo-events`; niet met de "
        "hand bewerken.",
        "",
        "Elke notificatie wordt eerst opgeslagen en daarna door de worker verwerkt (`koers/duo/processing.py`): "
        "Koers zoekt het dossier bij het BSN in de gemeente waaraan DUO de notificatie stuurde (of waaraan het "
        "dossier na een verhuizing is overgedragen), haalt bij DUO op waar de gebeurtenis naar wijst, brengt de "
        "gegevens van het dossier in lijn met wat DUO nu vastlegt en zet de gebeurtenis op de tijdlijn, alles in "
        "één transactie. Zo wordt elke gebeurtenis precies één keer toegepast, ook als DUO haar dubbel of in "
        "een andere volgorde stuurt. Een attentiesignaal staat als termijn in de signalen tot iemand het "
        "afhandelt. Zonder dossier blijft de notificatie bewaard en wordt zij verwerkt zodra het dossier "
        "geregistreerd of overgedragen is.",
        "",
        "| Code | Gebeurtenis | Bij DUO | Koers haalt op | Koers werkt bij | Actie voor de gemeente |",
        "|---|---|---|---|---|---|",
    ]
    for code in sorted(events.EVENTS):
        event = events.EVENTS[code]
        source = documented.get(code)
        where = f"{source.document}: {source.section}" if source else "—"
        fetched = ", ".join(f"`{sync.OPERATIONS[name]}`" for name in event.fetch) or "—"
        lines.append(f"| {code} | {event.title} | {where} | {fetched} | {updates(event)} | {action(event)} |")
    lines += [
        "",
        "Een code die DUO later toevoegt, wordt bewaard, op de tijdlijn gezet als onbekende gebeurtenis en is "
        f"een attentiesignaal, af te handelen binnen {events.UNKNOWN_ATTENTION_DAYS} dagen.",
    ]
    return "\n".join(lines) + "\n"
