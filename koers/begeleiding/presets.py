"""Policy presets modelled on the eight municipalities of the MB report (Regioplan/KIS, 2025; see
docs/research/mb-models.md). Where the report states nothing, the preset takes a plain default and
says so in its notes. A municipality starts from a preset and changes what it needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from koers.people.constants import Phase

from .constants import ChecklistGroup as G
from .constants import StartTrigger
from .policy import ChecklistSpec, DomainSpec, PolicySettings, item_key


def _items(*rows: tuple[str, str] | tuple[str, str, bool]) -> tuple[ChecklistSpec, ...]:
    return tuple(ChecklistSpec(item_key(row[1]), row[0], row[1], row[2] if len(row) > 2 else True) for row in rows)


def _domains(*labels: str) -> tuple[DomainSpec, ...]:
    return tuple(DomainSpec(item_key(label), label) for label in labels)


def _phases(koppeling: int, huisvesting: int, regeldag: int, opstart: int, verder: int, afronding: int) -> dict:
    return {
        Phase.KOPPELING.value: koppeling,
        Phase.HUISVESTING.value: huisvesting,
        Phase.REGELDAG.value: regeldag,
        Phase.OPSTARTFASE.value: opstart,
        Phase.VERDERE_BEGELEIDING.value: verder,
        Phase.AFRONDING.value: afronding,
    }


# What every municipality arranges in the start-up (report §4.1.3, "generic").
_HV = ((G.HV, "Huurcontract tekenen"), (G.HV, "Energiecontract (gas en licht)"), (G.HV, "Watercontract"),
       (G.HV, "Inrichting van de woning"))
_FIN = ((G.FIN, "Bankrekening openen"), (G.FIN, "Uitkering Participatiewet aanvragen"),
        (G.FIN, "Inrichtingskrediet aanvragen"), (G.FIN, "Zorgtoeslag aanvragen"), (G.FIN, "Huurtoeslag aanvragen"),
        (G.FIN, "Kinderbijslag en kinderopvangtoeslag"), (G.FIN, "DigiD aanvragen"),
        (G.FIN, "Aansprakelijkheids- en inboedelverzekering", False))
_INS = ((G.INS, "Zorgverzekering afsluiten"), (G.INS, "Inschrijven bij een huisarts"),
        (G.INS, "Inschrijven bij een tandarts"), (G.INS, "School voor de kinderen"))
_VL = ((G.VL, "Uitleg wonen en huishouden"), (G.VL, "Uitleg zorg en gezondheid"),
       (G.VL, "Uitleg werk en inkomen"))

VWN_DOMAINS = _domains("Wonen", "Financiën en administratie", "Jeugd en school", "Sociaal netwerk",
                       "Maatschappelijke participatie", "Zorg en gezondheid")


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    summary: str | Promise
    settings: PolicySettings


PRESETS: tuple[Preset, ...] = (
    Preset("den_haag", "Den Haag", _("VluchtelingenWerk, vrijwilligers; 1 jaar; meetmomenten na 3, 8 en 12 maanden."),
           PolicySettings(
               phase_days=_phases(90, 60, 14, 120, 240, 30),
               checklist=_items(*_HV, *_FIN, *_INS, *_VL, (G.VL, "Groepsvoorlichting"),
                                (G.VL, "Kennismaken met de sociale kaart")),
               domains=VWN_DOMAINS, measurement_months=(3, 8, 12), duration_months=12,
               extension_months=6, max_extensions=1, call_interval_months=0, case_meeting_weeks=0,
               capacity_per_worker=35,
               notes="Regeldagspecialist in de opstartfase; dagelijks spreekuur.")),
    Preset("groningen", "Groningen", _("Humanitas, 300 vrijwilligers; 3 jaar vanaf de koppeling; bellijst elke 3 maanden; geen plan."),
           PolicySettings(
               phase_days=_phases(120, 60, 14, 90, 900, 30),
               checklist=_items((G.HV, "Woning zoeken via WoningNet en urgentie"), (G.HV, "Bezichtiging van de woning"),
                                (G.HV, "Sleuteloverdracht en hulp bij de verhuizing"), *_HV, *_FIN,
                                (G.FIN, "Kwijtschelding gemeentelijke belastingen"), *_INS, *_VL,
                                (G.VL, "Kennismaken met de sociale kaart")),
               domains=(), measurement_months=(), duration_months=36, extension_months=0, max_extensions=0,
               call_interval_months=3, case_meeting_weeks=0, capacity_per_worker=80,
               start_trigger=StartTrigger.KOPPELING, final_interview=False,
               notes="Geen begeleidingsplan; ontvangstkamer met vrijwilligers; eurocoach voor financiën.")),
    Preset("heerenveen", "Heerenveen", _("Eigen integratiecoaches; 3 jaar (1 jaar intensief); verlenging alleen bij uitzondering."),
           PolicySettings(
               phase_days=_phases(90, 60, 14, 75, 960, 30),
               checklist=_items(*_HV, *_FIN, (G.FIN, "Noodfonds energie aanvragen", False), *_INS, *_VL,
                                (G.VL, "Kennismaken met de sociale kaart"),
                                (G.INS, "Checklist nareizigers", False)),
               domains=_domains("Wonen", "Financiën", "Gezondheid", "Werk en participatie", "Taal",
                                "Gezin en kinderen", "Sociaal netwerk", "Juridisch"),
               measurement_months=(6, 12, 24, 36), duration_months=36, extension_months=6, max_extensions=1,
               call_interval_months=0, case_meeting_weeks=2, capacity_per_worker=30, final_interview=False,
               notes="Wekelijkse afspraken in de opstartfase; inloopspreekuur.")),
    Preset("roermond", "Roermond", _("VluchtelingenWerk; 6 maanden ('kort is krachtig'); maandelijkse planbespreking; eindgesprek."),
           PolicySettings(
               phase_days=_phases(90, 60, 14, 45, 120, 21),
               checklist=_items(*_HV, *_FIN, *_INS, (G.INS, "Voedselbank (zo nodig)", False), *_VL,
                                (G.VL, "Groepsvoorlichting")),
               domains=VWN_DOMAINS, measurement_months=(1, 2, 3, 4, 5, 6), duration_months=6,
               extension_months=6, max_extensions=1, call_interval_months=0, case_meeting_weeks=0,
               capacity_per_worker=60,
               notes="Zelfverwijsformulier bij de afronding in plaats van een warme overdracht.")),
    Preset("rotterdam", "Rotterdam", _("VluchtelingenWerk met Gro-Up; 2 jaar; derde fase is de evaluatie; eindgesprek en overdracht."),
           PolicySettings(
               phase_days=_phases(90, 45, 1, 90, 600, 45),
               checklist=_items((G.HV, "Telefonisch plaatsingsgesprek"), *_HV, *_FIN,
                                (G.FIN, "Aanvraag Basis Budgetbeheer (ontzorgen)"),
                                (G.FIN, "Uitleg gemeentelijke belastingen"), *_INS, *_VL,
                                (G.VL, "Groepsvoorlichting"), (G.VL, "Rechten en plichten Wi2021 en Participatiewet")),
               domains=VWN_DOMAINS, measurement_months=(3, 12, 24), duration_months=24,
               extension_months=6, max_extensions=1, call_interval_months=0, case_meeting_weeks=0,
               capacity_per_worker=47,
               notes="Inhuizingsdag in plaats van regeldag; gemiddeld eens per 3 weken contact.")),
    Preset("tholen", "Tholen", _("Eigen MB-medewerker, geen vrijwilligers; 3 jaar, afbouwend; geen plan en geen eindgesprek."),
           PolicySettings(
               phase_days=_phases(90, 60, 14, 42, 1000, 14),
               checklist=_items(*_HV, *_FIN, *_INS, (G.INS, "Voedselbank (zo nodig)", False), *_VL),
               domains=(), measurement_months=(), duration_months=36, extension_months=0, max_extensions=0,
               call_interval_months=0, case_meeting_weeks=0, capacity_per_worker=26, final_interview=False,
               notes="Terugbellen bij afwezigheid; inkomensconsulent voor inburgeraars.")),
    Preset("woerden", "Woerden", _("VluchtelingenWerk; 1 jaar; plan met 7 leefgebieden; maandelijks casuïstiekoverleg."),
           PolicySettings(
               phase_days=_phases(90, 60, 14, 30, 300, 21),
               checklist=_items(*_HV, *_FIN, *_INS, (G.INS, "Voedselbank (zo nodig)", False), *_VL,
                                (G.VL, "Kennismaken met de sociale kaart")),
               domains=_domains("Wonen", "Financiën", "Kinderen", "Sociaal netwerk", "Maatschappelijke participatie",
                                "Zorg en gezondheid", "Huiselijke relaties"),
               measurement_months=(6, 12), duration_months=12, extension_months=6, max_extensions=1,
               call_interval_months=0, case_meeting_weeks=4, capacity_per_worker=15,
               notes="Budgetcoaching door de begeleider; telefonische bereikbaarheid in plaats van spreekuur.")),
    Preset("zaffier", "Zaffier", _("INOVA, betaalde professionals; 1 jaar; verlenging met 6 maanden bij uitzondering."),
           PolicySettings(
               phase_days=_phases(90, 60, 14, 60, 270, 30),
               checklist=_items(*_HV, *_FIN, *_INS, *_VL, (G.VL, "Groepsvoorlichting")),
               domains=_domains("Wonen", "Financiën", "Gezondheid", "Sociaal netwerk"),
               measurement_months=(3, 12), duration_months=12, extension_months=6, max_extensions=1,
               call_interval_months=0, case_meeting_weeks=0, capacity_per_worker=25,
               notes="Pool van drie begeleiders voor de opstartfase.")),
)

PRESETS_BY_KEY = {preset.key: preset for preset in PRESETS}
DEFAULT_PRESET = "den_haag"


def preset(key: str) -> Preset:
    return PRESETS_BY_KEY[key]
