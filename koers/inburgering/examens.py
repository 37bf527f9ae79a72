"""Results of the route: exam results per component (DUO event SS199), and the dates of MAP
(eindgesprek), PVT (ondertekening) and Z-route completion. MAP and PVT are checked against DUO's
conditions (``rules.map_pvt``, with the verwijtbaar flag) before they are saved as ready to send;
completing the Z-route meets the duty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.models import User
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.records import recorded
from koers.people.constants import EventKind
from koers.people.models import Person

from .constants import (
    Bron,
    EerdereLevering,
    Examenniveau,
    Examenonderdeel,
    Leerroute,
    PlichtStatus,
    Verwijtbaar,
)
from .models import Examenresultaat, OnderdeelResultaat
from .pip import current_pip
from .route import RESULTS_CATEGORY, add_event, dutch_date, log_change, to_duo, violations_error
from .rules import RuleViolation, validate_map, validate_pvt
from .rules.map_pvt import MapSubmission, PvtSubmission, ResultaatContext
from .termijn import plicht_of, termijn_of

PURPOSE = "Scherm: examens en MAP/PVT/Z-route"
Soort = OnderdeelResultaat.Soort


@transaction.atomic
def record_exam(
    *,
    actor: User | None,
    person: Person,
    onderdeel: Examenonderdeel,
    niveau: Examenniveau,
    exam_date: dt.date,
    passed: bool,
    source: Bron = Bron.KOERS,
    channel: Channel = Channel.UI,
    request=None,
) -> Examenresultaat:
    if exam_date > clock.today():
        raise ValidationError({"exam_date": _("De examendatum ligt in de toekomst.")})
    if Examenresultaat.objects.filter(person=person, onderdeel=onderdeel, niveau=niveau, exam_date=exam_date).exists():
        raise ValidationError(_("Dit resultaat (onderdeel, niveau en datum) is al vastgelegd."))
    result = Examenresultaat.objects.create(
        person=person, onderdeel=onderdeel, niveau=niveau, exam_date=exam_date, passed=passed, source=source
    )
    add_event(
        person,
        title=f"Examenresultaat {recorded(Examenonderdeel(onderdeel).label)} {niveau}: "
        + ("behaald" if passed else "niet behaald"),
        body=f"Examendatum {dutch_date(exam_date)}.",
        category=RESULTS_CATEGORY, actor=actor, channel=channel, kind=EventKind.STATUS,
        data={"examenresultaat": result.pk},
    )
    if actor is not None:
        log_change(actor=actor, person=person, action=Action.CREATE, category=RESULTS_CATEGORY, purpose=PURPOSE,
                   channel=channel, request=request)
    return result


@dataclass(frozen=True)
class ComponentRow:
    onderdeel: Examenonderdeel
    latest: Examenresultaat | None
    passed: Examenresultaat | None
    attempts: int


def exam_overview(person: Person) -> list[ComponentRow]:
    """Per component: the latest sitting, the first pass (if any) and the number of attempts."""
    results = list(Examenresultaat.objects.filter(person=person).order_by("exam_date", "id"))
    rows = []
    for onderdeel in Examenonderdeel:
        own = [r for r in results if r.onderdeel == onderdeel]
        rows.append(ComponentRow(onderdeel, own[-1] if own else None,
                                 next((r for r in own if r.passed), None), len(own)))
    return rows


def resultaat_context(person: Person, soort: str, today: dt.date) -> ResultaatContext:
    own = {r.soort: r for r in OnderdeelResultaat.objects.filter(person=person)}
    current = own.get(soort)
    z_route = own.get(Soort.Z_ROUTE)
    z_completed = z_route.date if z_route is not None else None
    return ResultaatContext(
        today=today,
        termijn=termijn_of(plicht_of(person)),
        own_municipality_has_current_pip=current_pip(person) is not None,
        earlier_delivery=(
            EerdereLevering.EIGEN_GEMEENTE
            if current is not None and (current.date or current.verwijtbaar)
            else EerdereLevering.GEEN
        ),
        duty_met_via_z_route=z_completed is not None,
        z_route_completed_on=z_completed,
    )


def check_onderdeel(person: Person, soort: str, day: dt.date | None, verwijtbaar: str) -> list[RuleViolation]:
    flag = Verwijtbaar(verwijtbaar) if verwijtbaar else None
    context = resultaat_context(person, soort, clock.today())
    if soort == Soort.MAP:
        return validate_map(MapSubmission(datum_eindgesprek_map=day, verwijtbaar=flag), context)
    return validate_pvt(PvtSubmission(datum_ondertekening_pvt=day, verwijtbaar=flag), context)


DUO_DATE_FIELDS = {Soort.MAP: "datumEindgesprekMap", Soort.PVT: "datumOndertekeningPvt",
                   Soort.Z_ROUTE: "datumAfrondingZroute"}


def duo_payload(soort: str, day: dt.date | None, verwijtbaar: str) -> dict:
    """The body of DUO's PUT for MAP, PVT or Z-route: it replaces the whole resource, so what is left
    out is withdrawn."""
    payload = {DUO_DATE_FIELDS[Soort(soort)]: day.isoformat()} if day else {}
    if verwijtbaar:
        payload["verwijtbaar"] = verwijtbaar
    return payload


FIELDS = {"datum_eindgesprek_map": "date", "datum_ondertekening_pvt": "date", "verwijtbaar": "verwijtbaar"}


@transaction.atomic
def save_onderdeel(
    *,
    actor: User,
    person: Person,
    soort: str,
    day: dt.date | None,
    verwijtbaar: str = "",
    channel: Channel = Channel.UI,
    request=None,
) -> OnderdeelResultaat:
    """Save the MAP or PVT date with its verwijtbaar flag (after DUO's conditions), or the completion of
    the Z-route (which meets the duty). Nothing is saved when a condition fails."""
    if soort in (Soort.MAP, Soort.PVT):
        violations = check_onderdeel(person, soort, day, verwijtbaar)
        if violations:
            raise violations_error(violations, FIELDS)
    else:
        _check_z_route(person, day)
        verwijtbaar = ""
    resultaat = OnderdeelResultaat.objects.filter(person=person, soort=soort).first() or OnderdeelResultaat(
        person=person, soort=soort
    )
    resultaat.date = day
    resultaat.verwijtbaar = verwijtbaar
    resultaat.source = Bron.KOERS
    resultaat.sent_to_duo_at = None
    resultaat.save()
    to_duo(person, soort, duo_payload(soort, day, verwijtbaar), actor, resultaat)
    if soort == Soort.Z_ROUTE:
        plicht = plicht_of(person)
        if plicht is not None and plicht.status == PlichtStatus.LOPEND:
            plicht.status = PlichtStatus.VOLDAAN
            plicht.ended_on = day
            plicht.save()
    label = recorded(Soort(soort).label)
    body = f"Datum {dutch_date(day)}." if day else "Datum ingetrokken."
    if verwijtbaar:
        body += f" {recorded(Verwijtbaar(verwijtbaar).label)}."
    add_event(person, title=f"{label} vastgelegd", body=body + " Klaar om naar DUO te sturen.",
              category=RESULTS_CATEGORY, actor=actor, channel=channel, kind=EventKind.STATUS,
              data={"onderdeel": soort})
    log_change(actor=actor, person=person, action=Action.UPDATE, category=RESULTS_CATEGORY, purpose=PURPOSE,
               channel=channel, request=request)
    return resultaat


def _check_z_route(person: Person, day: dt.date | None) -> None:
    if day is None:
        raise ValidationError({"date": _("Vul de datum in waarop de Z-route is afgerond.")})
    if day > clock.today():
        raise ValidationError({"date": _("De datum afronding Z-route ligt in de toekomst.")})
    pip = current_pip(person)
    if pip is None or pip.leerroute != Leerroute.Z_ROUTE:
        raise ValidationError(_("Het actuele PIP heeft niet de Z-route als leerroute."))
    termijn = termijn_of(plicht_of(person))
    if termijn is not None and day < termijn.startdatum:
        raise ValidationError({"date": _("De datum ligt vóór de start van de inburgeringstermijn (%(start)s).")
                               % {"start": dutch_date(termijn.startdatum)}})


def results_of(person: Person) -> dict[str, OnderdeelResultaat]:
    return {r.soort: r for r in OnderdeelResultaat.objects.filter(person=person)}
