"""What each of DUO's event codes (gebeurtenisId) means for a dossier in Koers.

Every code of DUO's ``Gebeurtenissen.md`` and ``Attentiesignalen.md`` has an entry here:

* ``fetch`` — the DUO resources the event points to. The handler fetches them and brings Koers's
  records in line with what DUO holds *now* (see ``koers.duo.sync``), so applying events in another
  order than they happened, or an event whose twin was lost, still ends in DUO's state.
  The state of the duty (voldaan, vrijgesteld, ontheven, beëindigd) follows from DUO's answer on the
  inburgeringsplicht (``redenGeenInburgeringsplicht``), which is why those events fetch it.
* ``attention`` — days the municipality has to act on it. Such a notification becomes a deadline of
  kind ``duo.attentiesignaal`` (``koers.duo.deadlines``) until a user marks it handled.

The fetch names are those of ``koers.duo.sync.OPERATIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PLICHT = "plicht"
DOELGROEP = "doelgroep"
TERMIJN = "termijn"
VRIJSTELLINGEN = "vrijstellingen"
ONTHEFFINGEN = "ontheffingen"
EXAMENS = "examens"
LBT = "lbt"
PIP = "pip"
MAP = "map"
PVT = "pvt"
UREN = "uren"


@dataclass(frozen=True)
class EventType:
    code: str
    title: str | Promise
    fetch: tuple[str, ...] = ()
    attention: int | None = None
    """Days to act on it, counted from receipt; ``None`` when no action is asked."""
    task: str | Promise = ""
    """What the municipality is asked to do, for an event with ``attention``."""
    starts_leerroute_term: bool = False
    verlenging: str = ""
    """``ambtshalve``/``op_verzoek`` (granted) or ``geweigerd`` for the extension events."""
    announces_person: bool = False
    """DUO tells the municipality of an inburgeringsplichtige it may not have a dossier of yet (new duty,
    moved in, duty resumed): without a dossier the notification waits on the list of announced persons
    (``koers.duo.announced``) and is applied once the dossier is registered."""


NEW_DUTY = (PLICHT, DOELGROEP, EXAMENS)

EVENTS: dict[str, EventType] = {
    event.code: event
    for event in (
        # Nieuwe inburgeringsplichtige
        EventType("SS101", _("Persoon is inburgeringsplichtig"), NEW_DUTY, announces_person=True),
        EventType("SS128", _("Inburgeringsplichtig, bereikt binnen 6 maanden de AOW-leeftijd"), NEW_DUTY,
                  attention=14, announces_person=True,
                  task=_("Plan de brede intake en het PIP met voorrang: bij de AOW-leeftijd eindigt de plicht.")),
        EventType("SS139", _("Inburgeringsplichtig; termijn van 10 weken voor de leerroute gestart"), NEW_DUTY,
                  starts_leerroute_term=True, announces_person=True),
        EventType("SS129", _("Tijdelijke vrijstelling ingetrokken, nog geen leerroute"),
                  (*NEW_DUTY, VRIJSTELLINGEN), starts_leerroute_term=True, announces_person=True),
        # Wijziging van gemeente
        EventType("SS120", _("Inburgeringsplichtige in de gemeente gevestigd zonder PIP"), NEW_DUTY,
                  starts_leerroute_term=True, announces_person=True),
        EventType("SS121", _("Inburgeringsplichtige in de gemeente gevestigd met PIP van vorige gemeente"),
                  (*NEW_DUTY, TERMIJN, PIP), attention=28, announces_person=True,
                  task=_("Neem het PIP van de vorige gemeente over of herzie het, en vraag de vorige gemeente "
                         "om een warme overdracht.")),
        EventType("SS122", _("Vertrokken naar een andere gemeente"), (), attention=28,
                  task=_("Vul de inspanningen en resultaten aan en draag het dossier (met toestemming) over "
                         "aan de nieuwe gemeente.")),
        EventType("SS123", _("Vertrokken uit Nederland"), (), attention=28,
                  task=_("Vul de inspanningen en resultaten aan en rond het dossier af.")),
        # Wijziging doelgroep
        EventType("SS124", _("Doelgroep gewijzigd van asielstatushouder naar gezinsmigrant en overige migrant"),
                  (PLICHT, DOELGROEP)),
        EventType("SS125", _("Doelgroep gewijzigd van gezinsmigrant en overige migrant naar asielstatushouder"),
                  (PLICHT, DOELGROEP)),
        # Intrekken inburgeringsplicht
        EventType("SS109", _("Tijdelijke vrijstelling toegekend"), (PLICHT, VRIJSTELLINGEN), attention=28,
                  task=_("Vul de inspanningen en resultaten aan; de plicht wordt hervat als de vrijstelling eindigt.")),
        EventType("SS110", _("Inburgeringsplicht ingetrokken"), (PLICHT,), attention=28,
                  task=_("Vul de inspanningen en resultaten aan en rond het dossier af.")),
        EventType("SS111", _("Persoon is overleden"), (PLICHT,)),
        # Inburgeringsplicht voldaan
        EventType("SS106", _("Diploma behaald"), (PLICHT, EXAMENS)),
        EventType("SS107", _("Gehele vrijstelling toegekend"), (PLICHT, VRIJSTELLINGEN)),
        EventType("SS108", _("Gehele ontheffing toegekend"), (PLICHT, ONTHEFFINGEN)),
        # Leerroute en termijn vastgesteld
        EventType("SS137", _("Aangemeld voor de leerbaarheidstoets"), ()),
        EventType("SS131", _("Resultaat leerbaarheidstoets bekend"), (LBT,), attention=14,
                  task=_("Bespreek de uitslag van de leerbaarheidstoets en stel de leerroute vast.")),
        EventType("SS102", _("Inburgeringstermijn gestart"), (TERMIJN,)),
        # Examenresultaten
        EventType("SS199", _("Uitslag examen bekend"), (EXAMENS,)),
        # Termijn gewijzigd
        EventType("SS103", _("Termijn ambtshalve verlengd"), (TERMIJN,), verlenging="ambtshalve"),
        EventType("SS104", _("Termijn op verzoek verlengd"), (TERMIJN,), verlenging="op_verzoek"),
        EventType("SS130", _("Tijdelijke vrijstelling ingetrokken, PIP al bekend; plicht hervat"),
                  (PLICHT, TERMIJN, PIP, EXAMENS, VRIJSTELLINGEN), attention=28, announces_person=True,
                  task=_("Hervat de route: controleer het PIP, het aanbod en de termijn.")),
        # Verzoeken inburgeraar
        EventType("SS112", _("Verzoek verlenging ingediend"), (), attention=28,
                  task=_("Geef DUO zo nodig wat het nodig heeft om het verzoek om verlenging te beoordelen.")),
        EventType("SS113", _("Verzoek verlenging afgewezen"), (TERMIJN,), verlenging="geweigerd"),
        EventType("SS114", _("Verzoek gehele vrijstelling afgewezen"), (VRIJSTELLINGEN,)),
        EventType("SS115", _("Verzoek tijdelijke vrijstelling afgewezen"), (VRIJSTELLINGEN,)),
        EventType("SS116", _("Verzoek gedeeltelijke vrijstelling afgewezen"), (VRIJSTELLINGEN,)),
        EventType("SS117", _("Verzoek gedeeltelijke vrijstelling toegekend"), (VRIJSTELLINGEN, EXAMENS)),
        EventType("SS118", _("Verzoek ontheffing afgewezen"), (ONTHEFFINGEN,)),
        EventType("SS119", _("Verzoek gedeeltelijke ontheffing toegekend"), (ONTHEFFINGEN, EXAMENS)),
        # Attentiesignalen
        EventType("SS126", _("Tien weken verstreken zonder leerroute"), (), attention=0,
                  task=_("Stel de leerroute vast in het PIP en meld het aan DUO.")),
        EventType("SS127", _("Nog geen inburgeringsaanbod ontvangen"), (), attention=14,
                  task=_("Leg het inburgeringsaanbod vast en meld het aan DUO.")),
        EventType("SS132", _("Opleidingscontract ontvangen, nog geen PIP"), (), attention=14,
                  task=_("Stel het PIP vast of neem contact op met de instelling over het opleidingscontract.")),
        EventType("SS133", _("Opleidingscontract met taalniveau niet volgens de leerroute"), (), attention=14,
                  task=_("Controleer de leerroute in het PIP en neem contact op met de instelling.")),
        EventType("SS135", _("Opleidingscontract met te hoog taalniveau voor de Z-route"), (), attention=14,
                  task=_("Controleer de leerroute in het PIP en neem contact op met de instelling.")),
        EventType("SS136", _("Opleidingscontract voor taalschakeltraject zonder onderwijsroute"), (), attention=14,
                  task=_("Controleer de leerroute in het PIP en neem contact op met de instelling.")),
        EventType("SS140", _("Advies gevraagd over ontheffing (bijzondere individuele omstandigheden)"), (),
                  attention=14, task=_("Geef DUO advies over de ontheffing.")),
        EventType("SS141", _("Z-route voldaan: tekst voor het certificaat beschikbaar"), (), attention=14,
                  task=_("Haal de tekst voor het certificaat op in het portaal van DUO en rond de Z-route af.")),
        EventType("SS142", _("Niet-vrijstellende opleiding beëindigd wegens uitschrijving; PIP herzien"), (),
                  attention=14, task=_("Neem contact op met de inburgeraar en herzie het PIP.")),
    )
}

UNKNOWN_ATTENTION_DAYS = 7


def event_type(code: str) -> EventType:
    """The entry for ``code``; a code DUO adds later is shown as unknown and asks a person to look."""
    known = EVENTS.get(code)
    if known is not None:
        return known
    return EventType(code, _("Onbekende gebeurtenis van DUO"), (), attention=UNKNOWN_ATTENTION_DAYS,
                     task=_("Zoek bij DUO na wat deze gebeurtenis voor het dossier betekent."))
