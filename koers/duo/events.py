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


@dataclass(frozen=True)
class EventType:
    code: str
    title: str | Promise
    fetch: tuple[str, ...] = ()
    attention: int | None = None
    """Days to act on it, counted from receipt; ``None`` when no action is asked."""
    starts_leerroute_term: bool = False
    verlenging: str = ""
    """``ambtshalve``/``op_verzoek`` (granted) or ``geweigerd`` for the extension events."""


NEW_DUTY = (PLICHT, DOELGROEP, EXAMENS)

EVENTS: dict[str, EventType] = {
    event.code: event
    for event in (
        # Nieuwe inburgeringsplichtige
        EventType("SS101", _("Persoon is inburgeringsplichtig"), NEW_DUTY),
        EventType("SS128", _("Inburgeringsplichtig, bereikt binnen 6 maanden de AOW-leeftijd"), NEW_DUTY, attention=14),
        EventType("SS139", _("Inburgeringsplichtig; termijn van 10 weken voor de leerroute gestart"), NEW_DUTY,
                  starts_leerroute_term=True),
        EventType("SS129", _("Tijdelijke vrijstelling ingetrokken, nog geen leerroute"),
                  (*NEW_DUTY, VRIJSTELLINGEN), starts_leerroute_term=True),
        # Wijziging van gemeente
        EventType("SS120", _("Inburgeringsplichtige in de gemeente gevestigd zonder PIP"), NEW_DUTY,
                  starts_leerroute_term=True),
        EventType("SS121", _("Inburgeringsplichtige in de gemeente gevestigd met PIP van vorige gemeente"),
                  (*NEW_DUTY, TERMIJN, PIP), attention=28),
        EventType("SS122", _("Vertrokken naar een andere gemeente"), (), attention=28),
        EventType("SS123", _("Vertrokken uit Nederland"), (),
                  attention=28),
        # Wijziging doelgroep
        EventType("SS124", _("Doelgroep gewijzigd van asielstatushouder naar gezinsmigrant en overige migrant"),
                  (PLICHT, DOELGROEP)),
        EventType("SS125", _("Doelgroep gewijzigd van gezinsmigrant en overige migrant naar asielstatushouder"),
                  (PLICHT, DOELGROEP)),
        # Intrekken inburgeringsplicht
        EventType("SS109", _("Tijdelijke vrijstelling toegekend"), (PLICHT, VRIJSTELLINGEN), attention=28),
        EventType("SS110", _("Inburgeringsplicht ingetrokken"), (PLICHT,),
                  attention=28),
        EventType("SS111", _("Persoon is overleden"), (PLICHT,)),
        # Inburgeringsplicht voldaan
        EventType("SS106", _("Diploma behaald"), (PLICHT, EXAMENS)),
        EventType("SS107", _("Gehele vrijstelling toegekend"), (PLICHT, VRIJSTELLINGEN)),
        EventType("SS108", _("Gehele ontheffing toegekend"), (PLICHT, ONTHEFFINGEN)),
        # Leerroute en termijn vastgesteld
        EventType("SS137", _("Aangemeld voor de leerbaarheidstoets"), ()),
        EventType("SS131", _("Resultaat leerbaarheidstoets bekend"), (LBT,), attention=14),
        EventType("SS102", _("Inburgeringstermijn gestart"), (TERMIJN,)),
        # Examenresultaten
        EventType("SS199", _("Uitslag examen bekend"), (EXAMENS,)),
        # Termijn gewijzigd
        EventType("SS103", _("Termijn ambtshalve verlengd"), (TERMIJN,), verlenging="ambtshalve"),
        EventType("SS104", _("Termijn op verzoek verlengd"), (TERMIJN,), verlenging="op_verzoek"),
        EventType("SS130", _("Tijdelijke vrijstelling ingetrokken, PIP al bekend; plicht hervat"),
                  (PLICHT, TERMIJN, PIP, EXAMENS, VRIJSTELLINGEN), attention=28),
        # Verzoeken inburgeraar
        EventType("SS112", _("Verzoek verlenging ingediend"), (), attention=28),
        EventType("SS113", _("Verzoek verlenging afgewezen"), (TERMIJN,), verlenging="geweigerd"),
        EventType("SS114", _("Verzoek gehele vrijstelling afgewezen"), (VRIJSTELLINGEN,)),
        EventType("SS115", _("Verzoek tijdelijke vrijstelling afgewezen"), (VRIJSTELLINGEN,)),
        EventType("SS116", _("Verzoek gedeeltelijke vrijstelling afgewezen"), (VRIJSTELLINGEN,)),
        EventType("SS117", _("Verzoek gedeeltelijke vrijstelling toegekend"), (VRIJSTELLINGEN, EXAMENS)),
        EventType("SS118", _("Verzoek ontheffing afgewezen"), (ONTHEFFINGEN,)),
        EventType("SS119", _("Verzoek gedeeltelijke ontheffing toegekend"), (ONTHEFFINGEN, EXAMENS)),
        # Attentiesignalen
        EventType("SS126", _("Tien weken verstreken zonder leerroute"), (), attention=0),
        EventType("SS127", _("Nog geen inburgeringsaanbod ontvangen"), (), attention=14),
        EventType("SS132", _("Opleidingscontract ontvangen, nog geen PIP"), (), attention=14),
        EventType("SS133", _("Opleidingscontract met taalniveau niet volgens de leerroute"), (), attention=14),
        EventType("SS135", _("Opleidingscontract met te hoog taalniveau voor de Z-route"), (), attention=14),
        EventType("SS136", _("Opleidingscontract voor taalschakeltraject zonder onderwijsroute"), (), attention=14),
        EventType("SS140", _("Advies gevraagd over ontheffing (bijzondere individuele omstandigheden)"), (),
                  attention=14),
        EventType("SS141", _("Z-route voldaan: tekst voor het certificaat beschikbaar"), (), attention=14),
        EventType("SS142", _("Niet-vrijstellende opleiding beëindigd wegens uitschrijving; PIP herzien"), (),
                  attention=14),
    )
}

UNKNOWN_ATTENTION_DAYS = 7


def event_type(code: str) -> EventType:
    """The entry for ``code``; a code DUO adds later is shown as unknown and asks a person to look."""
    known = EVENTS.get(code)
    if known is not None:
        return known
    return EventType(code, _("Onbekende gebeurtenis van DUO"), (), attention=UNKNOWN_ATTENTION_DAYS)
