"""The inburgeringsaanbod: the course the municipality buys for an asylum migrant. DUO's conditions
(``rules.inburgeringsaanbod``) are checked here, before the offer is saved as ready to send; per
person there is one offer per institution, and a new one for the same institution replaces it
("Voorgaande registraties ... worden bij een nieuwe aanlevering voor elke cursusinstelling
overschreven")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from koers.access.models import User
from koers.audit.models import Action, Channel
from koers.people.constants import TargetGroup
from koers.people.models import Person

from .constants import Leerroute
from .models import Inburgeringsaanbod, Instelling
from .pip import current_pip
from .route import OFFER_CATEGORY, add_event, dutch_date, log_change, to_duo, violations_error
from .rules import RuleViolation, validate_aanbod
from .rules import inburgeringsaanbod as rules
from .termijn import plicht_of, termijn_of

PURPOSE = "Scherm: inburgeringsaanbod"


def aanbod_context(person: Person, instelling: Instelling | None) -> rules.AanbodContext:
    pip = current_pip(person)
    return rules.AanbodContext(
        target_group=TargetGroup(person.target_group),
        pip=rules.ActuelePip(pip.dagtekening, Leerroute(pip.leerroute)) if pip else None,
        instelling=(
            rules.Instelling(instelling.instellingsnummer, instelling.naam, instelling.bow_keurmerk,
                             instelling.tst_keurmerk)
            if instelling is not None
            else None
        ),
        termijn=termijn_of(plicht_of(person)),
    )


def check_aanbod(
    person: Person,
    instelling: Instelling,
    datum_inburgeringsaanbod: dt.date | None,
    verwachte_startdatum: dt.date | None,
    verwachte_einddatum: dt.date | None,
) -> list[RuleViolation]:
    submission = rules.AanbodSubmission(
        instellingsnummer=instelling.instellingsnummer,
        datum_inburgeringsaanbod=datum_inburgeringsaanbod,
        verwachte_startdatum_opleiding=verwachte_startdatum,
        verwachte_einddatum_opleiding=verwachte_einddatum,
    )
    return validate_aanbod(submission, aanbod_context(person, instelling))


def duo_payload(aanbod: Inburgeringsaanbod) -> dict:
    """The body of DUO's ``postInburgeringsaanbodByBsnAndInstellingsnummer``."""
    pip = current_pip(aanbod.person)
    payload = {"indicatorAlfabetiseringsonderwijs": pip.alfabetisering if pip else "NVT",
               "datumInburgeringsaanbod": aanbod.datum_inburgeringsaanbod.isoformat()}
    if aanbod.verwachte_startdatum:
        payload["verwachteStartdatumOpleiding"] = aanbod.verwachte_startdatum.isoformat()
    if aanbod.verwachte_einddatum:
        payload["verwachteEinddatumOpleiding"] = aanbod.verwachte_einddatum.isoformat()
    return payload


# The submission's attributes as the form and the model name them.
AANBOD_FIELDS = {
    "instellingsnummer": "instelling",
    "datum_inburgeringsaanbod": "datum_inburgeringsaanbod",
    "verwachte_startdatum_opleiding": "verwachte_startdatum",
    "verwachte_einddatum_opleiding": "verwachte_einddatum",
}


@transaction.atomic
def save_aanbod(
    *,
    actor: User,
    person: Person,
    instelling: Instelling,
    datum_inburgeringsaanbod: dt.date,
    verwachte_startdatum: dt.date | None,
    verwachte_einddatum: dt.date | None,
    taalschakeltraject: bool = False,
    planned_hours_per_week: Decimal | None = None,
    channel: Channel = Channel.UI,
    request=None,
) -> Inburgeringsaanbod:
    """Check the offer against DUO's conditions and save it, ready to send; raises a
    ``ValidationError`` with DUO's Dutch messages (keyed by form field) and saves nothing when any
    condition fails."""
    violations = check_aanbod(person, instelling, datum_inburgeringsaanbod, verwachte_startdatum,
                              verwachte_einddatum)
    if violations:
        raise violations_error(violations, AANBOD_FIELDS)
    aanbod = (
        Inburgeringsaanbod.objects.filter(person=person, instelling=instelling, ended_on__isnull=True).first()
        or Inburgeringsaanbod(person=person, instelling=instelling)
    )
    replaced = aanbod.pk is not None
    aanbod.datum_inburgeringsaanbod = datum_inburgeringsaanbod
    aanbod.verwachte_startdatum = verwachte_startdatum
    aanbod.verwachte_einddatum = verwachte_einddatum
    aanbod.taalschakeltraject = taalschakeltraject
    aanbod.planned_hours_per_week = planned_hours_per_week
    aanbod.sent_to_duo_at = None
    aanbod.save()
    to_duo(person, "inburgeringsaanbod", duo_payload(aanbod), actor, aanbod,
           instellingsnummer=instelling.instellingsnummer)
    add_event(
        person,
        title=("Inburgeringsaanbod gewijzigd" if replaced else "Inburgeringsaanbod vastgelegd") + f": {instelling.naam}",
        body=f"Datum inburgeringsaanbod {dutch_date(datum_inburgeringsaanbod)}; opleiding "
        f"{dutch_date(verwachte_startdatum)} tot {dutch_date(verwachte_einddatum)}. Klaar om naar DUO te sturen.",
        category=OFFER_CATEGORY,
        actor=actor,
        channel=channel,
        data={"aanbod": aanbod.pk},
    )
    log_change(actor=actor, person=person, action=Action.UPDATE if replaced else Action.CREATE,
               category=OFFER_CATEGORY, purpose=PURPOSE, channel=channel, request=request)
    return aanbod
