"""The PIP as versions: writing a concept, deciding it (vaststellen) under DUO's rules, revising it and
registering an objection (bezwaar). Views call these; the rules themselves live in ``rules.pip``.

A version is a concept until it is decided; then it is the current PIP and never changes again, except
for what happens to it afterwards (signed, objection). Revising means writing a new concept, usually
starting from the current version, and deciding it: the version it replaces becomes ``vervangen``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koers.access.models import User
from koers.audit.models import Action, Channel
from koers.duo import outbox
from koers.lib import clock
from koers.lib.records import recorded
from koers.people.constants import EventKind, Literacy, TargetGroup
from koers.people.models import Person

from .brede_intake import latest_completed_intake
from .constants import (
    PENDING_OBJECTION,
    Alfabetiseringsonderwijs,
    BezwaarUitkomst,
    Leerroute,
    Niveau,
    PipStatus,
    PlichtStatus,
    target_group_for,
)
from .models import Inburgeringsplicht, PipVersie, Urenregistratie
from .route import PIP_CATEGORY, add_event, log_change
from .rules.pip import (
    PipContext,
    PipDeletionContext,
    PipSubmission,
    effective_niveau,
    validate_pip,
    validate_pip_deletion,
)
from .rules.violation import RuleViolation, format_date
from .terms import objection_decision_deadline, objection_period_end

# The fields of a version the consultant writes; ``dagtekening`` is proposed in the concept and fixed
# when the version is decided.
PIP_FIELDS = (
    "dagtekening",
    "leerroute",
    "niveau",
    "geschatte_intensiteit",
    "alfabetisering",
    "map",
    "pvt",
    "ontzorgen",
    "maatschappelijke_begeleiding",
    "goals",
    "activities",
    "participation",
    "explanation",
    "letter_language",
)


class PipRefused(Exception):
    """The PIP cannot be written or decided at all in this situation; ``message`` is Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PipRulesBroken(Exception):
    """DUO would not register this PIP: every broken rule, in the order of ``rules.pip.PIP_RULES``."""

    def __init__(self, violations: list[RuleViolation]) -> None:
        super().__init__("; ".join(v.message for v in violations))
        self.violations = violations


def versions(person: Person) -> list[PipVersie]:
    """Every version of the person's PIP, newest first."""
    return list(person.pip_versies.select_related("decided_by", "created_by").order_by("-number"))


def current_pip(person: Person) -> PipVersie | None:
    """The decided version in force (the one DUO holds)."""
    return person.pip_versies.filter(status=PipStatus.VASTGESTELD).first()


def concept_pip(person: Person) -> PipVersie | None:
    """The concept being written, if there is one (there is never more than one)."""
    return person.pip_versies.filter(status=PipStatus.CONCEPT).order_by("-number").first()


def duty_of(person: Person) -> Inburgeringsplicht:
    """The person's inburgeringsplicht, which every PIP needs."""
    plicht = Inburgeringsplicht.objects.filter(person=person).first()
    if plicht is None:
        raise PipRefused(
            _(
                "Voor %(name)s is geen inburgeringsplicht geregistreerd. Een PIP kan pas worden "
                "opgesteld als de inburgeringsplicht bekend is."
            )
            % {"name": person.full_name}
        )
    return plicht


def settlement_date(person: Person) -> dt.date | None:
    """The day from which the person belongs to the municipality (DUO's vestiging): the koppeling for
    someone still in an asylum centre, or the BRP registration, whichever came first."""
    days = [day for day in (person.koppeling_date, person.brp_registration_date) if day is not None]
    return min(days) if days else None


def pip_context(person: Person, plicht: Inburgeringsplicht) -> PipContext:
    """What DUO knows when a version of this person's PIP arrives."""
    decided = person.pip_versies.exclude(status__in=[PipStatus.CONCEPT, PipStatus.INGETROKKEN])
    first = decided.order_by("dagtekening", "number").values_list("dagtekening", flat=True).first()
    current = decided.filter(status=PipStatus.VASTGESTELD).values_list("dagtekening", flat=True).first()
    return PipContext(
        duty_start=plicht.start_date,
        settlement_date=settlement_date(person),
        target_group=target_group_for(plicht.doelgroep, plicht.gedetailleerde_doelgroep or None),
        first_pip_date=first,
        current_pip_date=current,
    )


def submission_of(pip: PipVersie, dagtekening: dt.date) -> PipSubmission:
    return PipSubmission(
        dagtekening=dagtekening,
        leerroute=Leerroute(pip.leerroute),
        niveau=Niveau(pip.niveau) if pip.niveau else None,
        geschatte_intensiteit=pip.geschatte_intensiteit,
    )


def check_pip(pip: PipVersie, dagtekening: dt.date) -> list[RuleViolation]:
    """DUO's rules for this version with this dagtekening, in DUO's order."""
    plicht = duty_of(pip.person)
    return validate_pip(submission_of(pip, dagtekening), pip_context(pip.person, plicht))


ALFABETISERING_FOR_LITERACY = {
    Literacy.NOT_LITERATE: Alfabetiseringsonderwijs.A,
    Literacy.OTHER_SCRIPT: Alfabetiseringsonderwijs.AA,
    Literacy.LATIN: Alfabetiseringsonderwijs.NVT,
}


def initial_concept(person: Person) -> dict[str, Any]:
    """What a new concept starts with. A revision starts from the current version. A first PIP starts
    from what is known: the alphabetisation indicator from the person's literacy, the goals from the
    ambitions in the brede intake, and for an asylum migrant ontzorgen and maatschappelijke
    begeleiding, which the municipality offers them."""
    current = current_pip(person)
    if current is not None:
        return {name: getattr(current, name) for name in PIP_FIELDS if name != "dagtekening"}
    intake = latest_completed_intake(person)
    asylum = person.target_group == TargetGroup.ASIEL
    initial: dict[str, Any] = {
        "alfabetisering": ALFABETISERING_FOR_LITERACY.get(person.literacy, Alfabetiseringsonderwijs.NVT),
        "ontzorgen": asylum,
        "maatschappelijke_begeleiding": asylum,
        "map": True,
        "pvt": True,
    }
    if intake is not None:
        initial["goals"] = intake.answers.get("ambities", {}).get("doelen", "")
    return initial


@transaction.atomic
def save_concept(
    *, actor: User, person: Person, data: Mapping[str, Any], purpose: str, request=None
) -> PipVersie:
    """Write the person's concept version (a new version number when there is no concept yet)."""
    unknown = set(data) - set(PIP_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a PIP version: {sorted(unknown)}")
    duty_of(person)
    pip = concept_pip(person)
    created = pip is None
    if created:
        number = (person.pip_versies.aggregate(highest=Max("number"))["highest"] or 0) + 1
        pip = PipVersie(
            person=person, number=number, created_by=actor, brede_intake=latest_completed_intake(person)
        )
    for name, value in data.items():
        setattr(pip, name, value)
    pip.full_clean(exclude=["person", "brede_intake"], validate_unique=False, validate_constraints=False)
    pip.save()
    log_change(actor=actor, person=person, action=Action.CREATE if created else Action.UPDATE,
               category=PIP_CATEGORY, purpose=purpose, channel=Channel.UI, request=request,
               detail=f"PIP versie {pip.number} als concept opgeslagen")
    return pip


@transaction.atomic
def decide(*, actor: User, pip: PipVersie, dagtekening: dt.date, purpose: str, request=None) -> PipVersie:
    """Decide (vaststellen) a concept version with ``dagtekening``, under DUO's rules.

    Refused (``PipRefused``) without an inburgeringsplicht or when the duty no longer runs, or when the
    version is not a concept; ``PipRulesBroken`` when DUO would not register it. On success the version
    in force until now becomes ``vervangen`` (a revision), the niveau becomes the one DUO records, and
    the decision lands on the timeline with its objection deadline."""
    person = pip.person
    if pip.status != PipStatus.CONCEPT:
        raise PipRefused(_("Deze versie van het PIP is al vastgesteld en kan niet meer worden gewijzigd."))
    plicht = duty_of(person)
    if plicht.status != PlichtStatus.LOPEND:
        raise PipRefused(
            _("De inburgeringsplicht loopt niet meer (%(status)s): er kan geen PIP meer worden vastgesteld.")
            % {"status": plicht.get_status_display().lower()}
        )
    violations = validate_pip(submission_of(pip, dagtekening), pip_context(person, plicht))
    if violations:
        raise PipRulesBroken(violations)
    previous = current_pip(person)
    if previous is not None:
        previous.status = PipStatus.VERVANGEN
        previous.save(update_fields=["status"])
    niveau = effective_niveau(Leerroute(pip.leerroute), Niveau(pip.niveau) if pip.niveau else None)
    pip.niveau = niveau or ""
    pip.dagtekening = dagtekening
    pip.status = PipStatus.VASTGESTELD
    pip.decided_by = actor
    pip.decided_at = clock.now()
    pip.save()
    try:
        outbox.enqueue(person, "pip", duo_payload(pip), actor, about=pip)
    except outbox.OutboxRefused as refused:
        raise PipRefused(str(refused)) from refused
    add_event(person, title=decision_title(pip, previous), body=decision_body(pip), category=PIP_CATEGORY,
              actor=actor, channel=Channel.UI, kind=EventKind.STATUS,
              data={"pip": pip.number, "vervangt": previous.number if previous else None})
    log_change(actor=actor, person=person, action=Action.UPDATE, category=PIP_CATEGORY, purpose=purpose,
               channel=Channel.UI, request=request,
               detail=f"PIP versie {pip.number} vastgesteld"
               + (f", vervangt versie {previous.number}" if previous else ""))
    return pip


def duo_payload(pip: PipVersie) -> dict[str, Any]:
    """The PIP as DUO's ``POST /personen/{bsn}/PIP`` takes it."""
    payload: dict[str, Any] = {"dagtekeningPip": pip.dagtekening.isoformat(), "leerroute": pip.leerroute}
    if pip.niveau:
        payload["niveau"] = pip.niveau
    if pip.geschatte_intensiteit:
        payload["geschatteIntensiteitB1Route"] = pip.geschatte_intensiteit
    if pip.alfabetisering:
        payload["indicatorAlfabetiseringsonderwijs"] = pip.alfabetisering
    return payload


def decision_title(pip: PipVersie, previous: PipVersie | None) -> str:
    route = recorded(Leerroute(pip.leerroute).label)
    if previous is None:
        return f"PIP vastgesteld: {route}"
    return f"PIP herzien (versie {pip.number}): {route}"


def decision_body(pip: PipVersie) -> str:
    parts = [f"Dagtekening {pip.dagtekening:%d-%m-%Y}"]
    if pip.niveau:
        parts.append(f"niveau {pip.niveau}")
    parts.append(f"bezwaar mogelijk tot en met {objection_deadline(pip):%d-%m-%Y}")
    return ", ".join(parts)


def objection_deadline(pip: PipVersie) -> dt.date | None:
    """The last day an objection against this version is in time (``None`` for a concept)."""
    return (
        objection_period_end(pip.dagtekening) if pip.dagtekening and pip.status != PipStatus.CONCEPT else None
    )


def objection_decision_due(pip: PipVersie, committee: bool = False) -> dt.date | None:
    """The last day to decide on a pending objection against this version (Awb art. 7:10; twelve weeks
    when an advisory ``committee`` hears objections), or ``None`` without one."""
    deadline = objection_deadline(pip)
    if deadline is None or pip.objection_filed_on is None or pip.objection_outcome not in PENDING_OBJECTION:
        return None
    return objection_decision_deadline(deadline, pip.objection_filed_on, committee=committee)


def objection_in_time(pip: PipVersie) -> bool | None:
    """Whether the registered objection was filed in time (``None`` without an objection)."""
    deadline = objection_deadline(pip)
    if pip.objection_filed_on is None or deadline is None:
        return None
    return pip.objection_filed_on <= deadline


@transaction.atomic
def register_objection(
    *,
    actor: User,
    pip: PipVersie,
    filed_on: dt.date,
    outcome: BezwaarUitkomst,
    purpose: str,
    request=None,
) -> PipVersie:
    """Register an objection (bezwaar) against a decided version, or its outcome. A late objection is
    registered too: whether it was in time is shown, the decision on it is the municipality's."""
    if pip.status == PipStatus.CONCEPT:
        raise PipRefused(
            _("Tegen een concept kan geen bezwaar worden gemaakt; het PIP is nog niet vastgesteld.")
        )
    if filed_on < pip.dagtekening:
        raise ValidationError(
            {
                "filed_on": _(
                    "Het bezwaar kan niet vóór de dagtekening van het PIP (%(date)s) zijn ingediend."
                )
                % {"date": format_date(pip.dagtekening)}
            }
        )
    if filed_on > clock.today():
        raise ValidationError({"filed_on": _("De datum van het bezwaar kan niet in de toekomst liggen.")})
    first = pip.objection_filed_on is None
    pip.objection_filed_on = filed_on
    pip.objection_outcome = outcome
    pip.save(update_fields=["objection_filed_on", "objection_outcome"])
    in_time = "op tijd" if objection_in_time(pip) else "na de bezwaartermijn"
    outcome_text = recorded(BezwaarUitkomst(outcome).label).lower()
    add_event(pip.person, title=f"Bezwaar tegen PIP versie {pip.number}: {outcome_text}",
              body=f"Ingediend op {filed_on:%d-%m-%Y} ({in_time})", category=PIP_CATEGORY, actor=actor,
              channel=Channel.UI, kind=EventKind.STATUS, data={"pip": pip.number, "bezwaar": outcome})
    log_change(actor=actor, person=pip.person, action=Action.CREATE if first else Action.UPDATE,
               category=PIP_CATEGORY, purpose=purpose, channel=Channel.UI, request=request,
               detail=f"Bezwaar tegen PIP versie {pip.number} geregistreerd")
    return pip


def deletion_context(person: Person) -> PipDeletionContext:
    """What DUO checks before it deletes the current PIP: is the term set, are hours of the current
    offer registered."""
    plicht = Inburgeringsplicht.objects.filter(person=person).first()
    hours = Urenregistratie.objects.filter(person=person, aanbod__isnull=False, aanbod__ended_on__isnull=True)
    return PipDeletionContext(
        term_set=plicht is not None and plicht.termijn_start is not None, hours_registered=hours.exists()
    )


@transaction.atomic
def withdraw(*, actor: User, pip: PipVersie, reason: str, purpose: str, request=None) -> PipVersie:
    """Withdraw the current PIP at DUO (``DELETE /personen/{bsn}/PIP``), for a PIP decided by mistake.

    Only the version in force, with a reason, and only under DUO's rules (``validate_pip_deletion``: no
    inburgeringstermijn set yet and no hours registered on the current offer; ``PipRulesBroken``
    otherwise). The version stays in the dossier as ``ingetrokken``; DUO then holds no PIP, so the
    leerroute deadline runs again, and a withdrawn version no longer counts as an earlier PIP."""
    if pip.status != PipStatus.VASTGESTELD:
        raise PipRefused(_("Alleen het actuele PIP kan bij DUO worden ingetrokken."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom het PIP wordt ingetrokken.")})
    violations = validate_pip_deletion(deletion_context(pip.person))
    if violations:
        raise PipRulesBroken(violations)
    pip.status = PipStatus.INGETROKKEN
    pip.save(update_fields=["status"])
    try:
        outbox.enqueue(pip.person, "pip_intrekken", None, actor)
    except outbox.OutboxRefused as refused:
        raise PipRefused(str(refused)) from refused
    add_event(pip.person, title=f"PIP versie {pip.number} ingetrokken bij DUO", body=reason.strip(),
              category=PIP_CATEGORY, actor=actor, channel=Channel.UI, kind=EventKind.STATUS,
              data={"pip": pip.number, "ingetrokken": True})
    log_change(actor=actor, person=pip.person, action=Action.UPDATE, category=PIP_CATEGORY, purpose=purpose,
               channel=Channel.UI, request=request, detail=f"PIP versie {pip.number} ingetrokken: {reason.strip()}")
    return pip
