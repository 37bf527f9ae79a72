"""Participation, work goals, barriers and schemes (DOMAIN §4): recording each with its timeline entry
and audit record, and the participation hours against the Z-route's norm.

The Z-route asks about 800 hours of language and 800 hours of participation (DOMAIN §2 and the
municipal policy plans in ``seeds/``). Language hours are the hours followed at the provider
(``Urenregistratie``); participation hours are those recorded here, informal participation included.
The norm is compared with the share of the inburgeringstermijn that has passed, so that falling behind
shows while there is time to act.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.records import recorded
from koers.people.constants import LANGUAGES, EventKind
from koers.people.models import Person

from .constants import (
    BelemmeringSoort,
    BelemmeringStatus,
    ParticipatieSoort,
    Regeling,
    VoorlichtingUitkomst,
    VoorlichtingWijze,
)
from .models import Belemmering, BelemmeringActie, Participatie, Urenregistratie, Voorlichting, Werkdoel
from .models.participatie import category_of_barrier
from .route import add_event, dutch_date, log_change
from .terms import Inburgeringstermijn

PURPOSE = "Scherm: participatie en werk"
WORK_CATEGORY = DataCategory.EDUCATION_WORK
SCHEME_CATEGORY = DataCategory.FINANCE
ZROUTE_LANGUAGE_HOURS = Decimal(800)
ZROUTE_PARTICIPATION_HOURS = Decimal(800)
MAX_PERIOD_DAYS = 92
"""A participation record covers at most a quarter."""
MAX_HOURS_PER_DAY = 12


@dataclass(frozen=True)
class Change:
    """Who records, through which channel and request."""

    actor: User
    channel: Channel = Channel.UI
    request: object | None = None


def _not_in_future(day: dt.date, field: str) -> None:
    if day > clock.today():
        raise ValidationError({field: _("Deze datum kan niet in de toekomst liggen.")})


def _log(change: Change, person: Person, category: DataCategory, action: Action, detail: str) -> None:
    log_change(actor=change.actor, person=person, action=action, category=category, purpose=PURPOSE,
               channel=change.channel, request=change.request, detail=detail)


def _event(change: Change, person: Person, category: DataCategory, title: str, body: str, data: dict) -> None:
    add_event(person, title=title, body=body, category=category, actor=change.actor, channel=change.channel,
              kind=EventKind.CHANGE, data=data)


# -- work goals -----------------------------------------------------------------------------------


@transaction.atomic
def record_werkdoel(
    change: Change, person: Person, *, wanted_job: str, first_job: str, steps: str, set_on: dt.date
) -> Werkdoel:
    """A new work goal: the job the newcomer wants and a first job within reach now. Every newcomer
    has their own, whatever their partner does; the earlier goals stay."""
    if not wanted_job.strip():
        raise ValidationError({"wanted_job": _("Vul in welk werk de inburgeraar wil doen.")})
    _not_in_future(set_on, "set_on")
    goal = Werkdoel.objects.create(person=person, wanted_job=wanted_job.strip(), first_job=first_job.strip(),
                                   steps=steps.strip(), set_on=set_on, recorded_by=change.actor)
    body = f"Eerste baan: {goal.first_job}." if goal.first_job else ""
    _event(change, person, WORK_CATEGORY, f"Werkdoel vastgelegd: {goal.wanted_job}", body, {"werkdoel": goal.pk})
    _log(change, person, WORK_CATEGORY, Action.CREATE, "Werkdoel vastgelegd")
    return goal


def current_werkdoel(person: Person) -> Werkdoel | None:
    return person.werkdoelen.first()


# -- participation --------------------------------------------------------------------------------


def participation_errors(start: dt.date, end: dt.date, hours: Decimal, today: dt.date) -> dict[str, str]:
    """What is wrong with a period and its hours, per field (empty: nothing)."""
    errors: dict[str, str] = {}
    days = (end - start).days + 1
    if end < start:
        errors["period_end"] = _("Het einde van de periode ligt vóór het begin.")
    elif end > today:
        errors["period_end"] = _(
            "Participatie wordt achteraf vastgelegd: de periode kan niet in de toekomst eindigen."
        )
    elif days > MAX_PERIOD_DAYS:
        errors["period_end"] = _("Een periode is hooguit %(days)d dagen (een kwartaal).") % {
            "days": MAX_PERIOD_DAYS
        }
    if hours <= 0:
        errors["hours"] = _("Vul een aantal uren in groter dan 0.")
    elif days > 0 and hours > days * MAX_HOURS_PER_DAY:
        errors["hours"] = _("Meer dan %(max)d uur per dag in deze periode is niet mogelijk.") % {
            "max": MAX_HOURS_PER_DAY
        }
    return errors


@transaction.atomic
def record_participatie(
    change: Change,
    person: Person,
    *,
    soort: ParticipatieSoort,
    period_start: dt.date,
    period_end: dt.date,
    hours: Decimal,
    description: str,
    success: str = "",
) -> Participatie:
    errors = participation_errors(period_start, period_end, hours, clock.today())
    if not description.strip():
        errors["description"] = _("Beschrijf wat de inburgeraar deed en waar.")
    if errors:
        raise ValidationError(errors)
    record = Participatie.objects.create(
        person=person, soort=soort, period_start=period_start, period_end=period_end, hours=hours,
        description=description.strip(), success=success.strip(), recorded_by=change.actor,
    )
    body = f"{dutch_date(period_start)} t/m {dutch_date(period_end)}: {hours} uur, {record.description}."
    if record.success:
        body += f" Succes: {record.success}"
    _event(change, person, WORK_CATEGORY, f"Participatie vastgelegd: {recorded(ParticipatieSoort(soort).label)}", body,
           {"participatie": record.pk})
    _log(change, person, WORK_CATEGORY, Action.CREATE, f"Participatie {hours} uur")
    return record


@dataclass(frozen=True)
class HoursAgainstNorm:
    hours: Decimal
    norm: Decimal
    expected: Decimal | None
    """What the norm asks by now, given the share of the term that has passed; ``None`` without a term."""

    @property
    def percentage(self) -> int:
        return min(100, int(self.hours * 100 / self.norm))

    @property
    def behind(self) -> bool:
        return self.expected is not None and self.hours < self.expected


@dataclass(frozen=True)
class ZrouteProgress:
    language: HoursAgainstNorm
    participation: HoursAgainstNorm
    formal: Decimal
    informal: Decimal


def term_share(termijn: Inburgeringstermijn | None, today: dt.date) -> Decimal | None:
    """The share of the inburgeringstermijn that has passed on ``today``, from 0 to 1."""
    if termijn is None:
        return None
    passed = (min(max(today, termijn.startdatum), termijn.einddatum) - termijn.startdatum).days
    return Decimal(passed) / Decimal((termijn.einddatum - termijn.startdatum).days)


def _against(hours: Decimal, norm: Decimal, share: Decimal | None) -> HoursAgainstNorm:
    expected = None if share is None else (norm * share).quantize(Decimal(1))
    return HoursAgainstNorm(hours, norm, expected)


def zroute_progress(person: Person, termijn: Inburgeringstermijn | None, today: dt.date) -> ZrouteProgress:
    """Language hours followed and participation hours (formal and informal) against the Z-route's
    norm and the pace the term asks."""
    language = Urenregistratie.objects.filter(person=person).aggregate(total=Sum("hours_attended"))["total"]
    by_kind = dict(
        Participatie.objects.filter(person=person).order_by().values("soort").annotate(total=Sum("hours"))
        .values_list("soort", "total")
    )
    informal = by_kind.pop(ParticipatieSoort.INFORMEEL, None) or Decimal(0)
    formal = sum(by_kind.values(), Decimal(0))
    share = term_share(termijn, today)
    return ZrouteProgress(
        language=_against(language or Decimal(0), ZROUTE_LANGUAGE_HOURS, share),
        participation=_against(formal + informal, ZROUTE_PARTICIPATION_HOURS, share),
        formal=formal,
        informal=informal,
    )


# -- barriers -------------------------------------------------------------------------------------


def _follow_up_error(follow_up_on: dt.date | None) -> None:
    if follow_up_on is not None and follow_up_on < clock.today():
        raise ValidationError({"follow_up_on": _("Een datum om op te volgen ligt vandaag of later.")})


@transaction.atomic
def record_belemmering(
    change: Change,
    person: Person,
    *,
    soort: BelemmeringSoort,
    description: str,
    since: dt.date,
    follow_up_on: dt.date | None = None,
) -> Belemmering:
    """A barrier that stands in the way; with ``follow_up_on`` it comes on the attention list that day."""
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wat er speelt.")})
    _not_in_future(since, "since")
    _follow_up_error(follow_up_on)
    barrier = Belemmering.objects.create(person=person, soort=soort, description=description.strip(), since=since,
                                         follow_up_on=follow_up_on, recorded_by=change.actor)
    body = barrier.description + (f" Opvolgen op {dutch_date(follow_up_on)}." if follow_up_on else "")
    _event(change, person, barrier.category, f"Belemmering vastgelegd: {recorded(BelemmeringSoort(soort).label)}", body,
           {"belemmering": barrier.pk})
    _log(change, person, barrier.category, Action.CREATE, f"Belemmering {soort}")
    return barrier


@transaction.atomic
def record_actie(
    change: Change,
    barrier: Belemmering,
    *,
    done_on: dt.date,
    description: str,
    follow_up_on: dt.date | None = None,
    solved: bool = False,
) -> BelemmeringActie:
    """What was done about an open barrier; it is then solved, or followed up on another day (or not)."""
    if barrier.status != BelemmeringStatus.OPEN:
        raise ValidationError(_("Deze belemmering is al opgelost."))
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wat er is gedaan.")})
    _not_in_future(done_on, "done_on")
    if done_on < barrier.since:
        raise ValidationError({"done_on": _("Deze datum ligt vóór het moment dat de belemmering begon.")})
    if not solved:
        _follow_up_error(follow_up_on)
    action = BelemmeringActie.objects.create(belemmering=barrier, done_on=done_on, description=description.strip(),
                                             done_by=change.actor)
    if solved:
        barrier.status, barrier.solved_on, barrier.follow_up_on = BelemmeringStatus.OPGELOST, done_on, None
    else:
        barrier.follow_up_on = follow_up_on
    barrier.save(update_fields=["status", "solved_on", "follow_up_on"])
    label = recorded(BelemmeringSoort(barrier.soort).label)
    title = f"Belemmering opgelost: {label}" if solved else f"Actie bij belemmering: {label}"
    _event(change, barrier.person, barrier.category, title, action.description,
           {"belemmering": barrier.pk, "actie": action.pk})
    _log(change, barrier.person, barrier.category, Action.UPDATE, title)
    return action


def barriers_of(person: Person, categories: frozenset[DataCategory]) -> list[Belemmering]:
    """The person's barriers the user may see (a health barrier only with the health category), open
    ones first, each with what was done about it."""
    shown = [soort for soort in BelemmeringSoort.values if category_of_barrier(soort) in categories]
    barriers = person.belemmeringen.filter(soort__in=shown).prefetch_related("acties__done_by")
    return list(barriers.order_by("status", "-since", "-id"))


# -- schemes --------------------------------------------------------------------------------------


@transaction.atomic
def record_voorlichting(
    change: Change,
    person: Person,
    *,
    regeling: Regeling,
    name: str,
    informed_on: dt.date,
    how: VoorlichtingWijze,
    language: str,
    interpreter: bool,
    outcome: VoorlichtingUitkomst,
    note: str = "",
) -> Voorlichting:
    """That the newcomer was told about a scheme they may claim, how, in which language and with what
    outcome."""
    if regeling == Regeling.GEMEENTELIJK and not name.strip():
        raise ValidationError({"name": _("Geef de naam van de regeling van de gemeente.")})
    if language and language not in LANGUAGES:
        raise ValidationError({"language": _("Kies een taal uit de lijst.")})
    _not_in_future(informed_on, "informed_on")
    told = Voorlichting.objects.create(
        person=person, regeling=regeling, name=name.strip(), informed_on=informed_on, how=how, language=language,
        interpreter=interpreter, outcome=outcome, note=note.strip(), informed_by=change.actor,
    )
    body = f"Besproken op {dutch_date(informed_on)}: {recorded(VoorlichtingUitkomst(outcome).label).lower()}."
    title = f"Voorlichting over een regeling: {told.name or recorded(told.get_regeling_display())}"
    _event(change, person, SCHEME_CATEGORY, title, body, {"voorlichting": told.pk})
    _log(change, person, SCHEME_CATEGORY, Action.CREATE, f"Voorlichting {regeling}")
    return told
