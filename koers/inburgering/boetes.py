"""The municipality's own fines (Wi2021): not appearing for or cooperating with the brede intake
(at most €250) and not keeping to the PIP (at most €800), as an explicit state machine.

    waarschuwing ──▶ hoorzitting ──▶ besluit ──▶ betaald
          │               │             │
          └───────────────┴─────────────┴──▶ vervallen

A fine starts with a warning; before the decision the person is heard (zienswijze); the decision
sets the amount (never above the legal maximum of its ground) and opens the objection period
(``terms.objection_period_end``); an objection found well-founded drops the fine. Family and other
migrants are never fined by the municipality.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.access.models import User
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.records import recorded
from koers.people.constants import EventKind, TargetGroup
from koers.people.models import Person

from .constants import PENDING_OBJECTION, BezwaarUitkomst, BoeteGrond, BoeteStatus
from .models import Boete
from .route import FINE_CATEGORY, add_event, dutch_date, log_change
from .terms import objection_decision_deadline, objection_period_end

PURPOSE = "Scherm: boete"

TRANSITIONS: dict[BoeteStatus, frozenset[BoeteStatus]] = {
    BoeteStatus.WAARSCHUWING: frozenset({BoeteStatus.HOORZITTING, BoeteStatus.VERVALLEN}),
    BoeteStatus.HOORZITTING: frozenset({BoeteStatus.BESLUIT, BoeteStatus.VERVALLEN}),
    BoeteStatus.BESLUIT: frozenset({BoeteStatus.BETAALD, BoeteStatus.VERVALLEN}),
    BoeteStatus.BETAALD: frozenset(),
    BoeteStatus.VERVALLEN: frozenset(),
}


def allowed_steps(boete: Boete) -> frozenset[BoeteStatus]:
    return TRANSITIONS[BoeteStatus(boete.status)]


def _check_step(boete: Boete, to: BoeteStatus) -> None:
    if to not in allowed_steps(boete):
        raise ValidationError(
            _("Een boete met status “%(from)s” kan niet naar “%(to)s”.")
            % {"from": BoeteStatus(boete.status).label, "to": to.label}
        )


def may_be_fined(person: Person) -> bool:
    """Only asylum migrants get a municipal fine; family and other migrants never do."""
    return person.target_group == TargetGroup.ASIEL


def _not_future(day: dt.date, field: str) -> None:
    if day > clock.today():
        raise ValidationError({field: _("Deze datum ligt in de toekomst.")})


def _step_date(day: dt.date, field: str, previous: dt.date, message: str) -> None:
    """The date of a step: not in the future and not before the step it follows."""
    _not_future(day, field)
    if day < previous:
        raise ValidationError({field: message})


def _save(boete: Boete, *, actor: User, title: str, body: str, channel: Channel, request, action: Action,
          to: BoeteStatus | None = None) -> Boete:
    """Save the fine, in its next step ``to`` once every check has passed, with its timeline entry and
    audit record."""
    if to is not None:
        boete.status = to
    boete.save()
    add_event(boete.person, title=title, body=body, category=FINE_CATEGORY, actor=actor, channel=channel,
              kind=EventKind.STATUS, data={"boete": boete.pk, "status": boete.status})
    log_change(actor=actor, person=boete.person, action=action, category=FINE_CATEGORY, purpose=PURPOSE,
               channel=channel, request=request)
    return boete


@transaction.atomic
def give_warning(
    *, actor: User, person: Person, grond: BoeteGrond, facts: str, warning_date: dt.date,
    channel: Channel = Channel.UI, request=None,
) -> Boete:
    if not may_be_fined(person):
        raise ValidationError(_("De gemeente legt gezinsmigranten en overige migranten geen boete op."))
    _not_future(warning_date, "warning_date")
    if not facts.strip():
        raise ValidationError({"facts": _("Beschrijf de feiten waarvoor gewaarschuwd wordt.")})
    boete = Boete(person=person, grond=grond, facts=facts, warning_date=warning_date,
                  status=BoeteStatus.WAARSCHUWING, created_by=actor)
    return _save(boete, actor=actor, title=f"Waarschuwing gegeven: {recorded(BoeteGrond(grond).label)}",
                 body=f"Datum waarschuwing {dutch_date(warning_date)}.", channel=channel, request=request,
                 action=Action.CREATE)


@transaction.atomic
def hold_hearing(
    *, actor: User, boete: Boete, hearing_date: dt.date, hearing_notes: str,
    channel: Channel = Channel.UI, request=None,
) -> Boete:
    _check_step(boete, BoeteStatus.HOORZITTING)
    _step_date(hearing_date, "hearing_date", boete.warning_date,
               _("De hoorzitting kan niet vóór de waarschuwing liggen."))
    boete.hearing_date, boete.hearing_notes = hearing_date, hearing_notes
    return _save(boete, actor=actor, title="Boete: zienswijze gehoord",
                 body=f"Hoorzitting {dutch_date(hearing_date)}.", channel=channel, request=request,
                 action=Action.UPDATE, to=BoeteStatus.HOORZITTING)


@transaction.atomic
def decide(
    *, actor: User, boete: Boete, decision_date: dt.date, amount: Decimal,
    channel: Channel = Channel.UI, request=None,
) -> Boete:
    _check_step(boete, BoeteStatus.BESLUIT)
    _step_date(decision_date, "decision_date", boete.hearing_date,
               _("Het besluit kan niet vóór de hoorzitting liggen."))
    maximum = BoeteGrond(boete.grond).maximum_euro
    if not Decimal(0) < amount <= maximum:
        raise ValidationError(
            {"amount": _("Het bedrag ligt tussen € 0 en het wettelijke maximum van € %(max)d voor deze grond.")
             % {"max": maximum}}
        )
    boete.decision_date, boete.amount = decision_date, amount
    return _save(boete, actor=actor, title=f"Boetebesluit genomen: € {amount}",
                 body=f"Besluit {dutch_date(decision_date)}; bezwaar mogelijk tot en met "
                 f"{dutch_date(objection_period_end(decision_date))}.",
                 channel=channel, request=request, action=Action.UPDATE, to=BoeteStatus.BESLUIT)


@transaction.atomic
def register_payment(
    *, actor: User, boete: Boete, paid_on: dt.date, channel: Channel = Channel.UI, request=None,
) -> Boete:
    _check_step(boete, BoeteStatus.BETAALD)
    _step_date(paid_on, "paid_on", boete.decision_date, _("De betaling kan niet vóór het besluit liggen."))
    boete.paid_on = paid_on
    return _save(boete, actor=actor, title="Boete betaald", body=f"Betaald op {dutch_date(paid_on)}.",
                 channel=channel, request=request, action=Action.UPDATE, to=BoeteStatus.BETAALD)


@transaction.atomic
def register_objection(
    *, actor: User, boete: Boete, filed_on: dt.date, outcome: BezwaarUitkomst,
    channel: Channel = Channel.UI, request=None,
) -> Boete:
    """An objection against the decision; a well-founded one drops the fine."""
    if boete.status not in (BoeteStatus.BESLUIT, BoeteStatus.BETAALD) or boete.decision_date is None:
        raise ValidationError(_("Bezwaar kan alleen tegen een genomen boetebesluit."))
    _step_date(filed_on, "objection_filed_on", boete.decision_date,
               _("Het bezwaar kan niet vóór het besluit liggen."))
    boete.objection_filed_on, boete.objection_outcome = filed_on, outcome
    late = filed_on > objection_period_end(boete.decision_date)
    if outcome == BezwaarUitkomst.GEGROND:
        boete.status = BoeteStatus.VERVALLEN
        boete.closed_reason = "Bezwaar gegrond"
    body = f"Ingediend op {dutch_date(filed_on)}" + (" (na de bezwaartermijn)" if late else "") + "; "
    body += f"uitkomst: {recorded(BezwaarUitkomst(outcome).label)}."
    return _save(boete, actor=actor, title="Bezwaar tegen boete vastgelegd", body=body, channel=channel,
                 request=request, action=Action.UPDATE)


@transaction.atomic
def drop(*, actor: User, boete: Boete, reason: str, channel: Channel = Channel.UI, request=None) -> Boete:
    _check_step(boete, BoeteStatus.VERVALLEN)
    if not reason.strip():
        raise ValidationError({"closed_reason": _("Geef aan waarom de boete vervalt.")})
    boete.closed_reason = reason
    return _save(boete, actor=actor, title="Boete vervallen", body=reason, channel=channel, request=request,
                 action=Action.UPDATE, to=BoeteStatus.VERVALLEN)


@dataclass(frozen=True)
class NextAction:
    text: str
    due: dt.date | None = None


def next_action(boete: Boete, today: dt.date, committee: bool = False) -> NextAction:
    """What the consultant does next with this fine; a pending objection comes first, with the day the
    decision on it is due (Awb art. 7:10, twelve weeks when an advisory ``committee`` hears it)."""
    status = BoeteStatus(boete.status)
    if boete.objection_filed_on and boete.decision_date and boete.objection_outcome in PENDING_OBJECTION:
        due = objection_decision_deadline(objection_period_end(boete.decision_date), boete.objection_filed_on,
                                          committee=committee)
        return NextAction(gettext_lazy("Beslissen op het bezwaar"), due)
    if status == BoeteStatus.WAARSCHUWING:
        return NextAction(gettext_lazy("Hoorzitting houden (zienswijze) of laten vervallen"))
    if status == BoeteStatus.HOORZITTING:
        return NextAction(gettext_lazy("Besluit nemen over de boete"))
    if status == BoeteStatus.BESLUIT:
        end = objection_period_end(boete.decision_date)
        if today <= end and not boete.objection_filed_on:
            return NextAction(gettext_lazy("Bezwaartermijn loopt; betaling afwachten"), end)
        return NextAction(gettext_lazy("Betaling afwachten"))
    return NextAction(gettext_lazy("Afgerond"))
