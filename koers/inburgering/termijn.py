"""The inburgeringsplicht and its term: recording the duty and DUO's inburgeringstermijn, extensions
(ex officio, on request, refused), exemptions (temporary, partial, full) and ontheffing, and the
overview of the term with its warning moments.

DUO decides all of these; Koers records what DUO reported, or what the consultant entered while
waiting for DUO. A full exemption or a full ontheffing ends the duty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.models import User
from koers.audit.models import Action, Channel
from koers.lib.records import recorded
from koers.people.constants import EventKind
from koers.people.models import Person

from .constants import (
    BesluitStatus,
    Bron,
    Doelgroepindeling,
    OntheffingGrond,
    PlichtStatus,
    VerlengingSoort,
    VrijstellingSoort,
)
from .models import Inburgeringsplicht, Ontheffing, Termijnverlenging, Vrijstelling
from .route import TERM_CATEGORY, add_event, dutch_date, log_change
from .terms import Inburgeringstermijn, TermWarningDates, inburgeringstermijn_end, term_warning_dates

PURPOSE = "Scherm: inburgeringsplicht en termijn"


def termijn_of(plicht: Inburgeringsplicht | None) -> Inburgeringstermijn | None:
    """DUO's inburgeringstermijn of this duty, once it has a start and an end."""
    if plicht is None or plicht.termijn_start is None or plicht.termijn_end is None:
        return None
    return Inburgeringstermijn(plicht.termijn_start, plicht.termijn_end)


def plicht_of(person: Person) -> Inburgeringsplicht | None:
    return Inburgeringsplicht.objects.filter(person=person).first()


@dataclass(frozen=True)
class TermOverview:
    termijn: Inburgeringstermijn
    warnings: TermWarningDates
    today: dt.date

    @property
    def passed(self) -> bool:
        return self.termijn.is_passed_on(self.today)

    @property
    def days_left(self) -> int:
        return (self.termijn.einddatum - self.today).days

    @property
    def warning_stage(self) -> str:
        """``""`` (no warning yet), ``"six"`` (within six months), ``"two"`` (within two months) or
        ``"passed"``."""
        if self.passed:
            return "passed"
        if self.today >= self.warnings.two_months_before:
            return "two"
        if self.today >= self.warnings.six_months_before:
            return "six"
        return ""


def term_overview(plicht: Inburgeringsplicht | None, today: dt.date) -> TermOverview | None:
    termijn = termijn_of(plicht)
    if termijn is None:
        return None
    return TermOverview(termijn, term_warning_dates(termijn.einddatum), today)


@transaction.atomic
def record_plicht(
    *,
    actor: User,
    person: Person,
    start_date: dt.date,
    doelgroep: Doelgroepindeling,
    termijn_start: dt.date | None,
    termijn_end: dt.date | None,
    source: Bron = Bron.KOERS,
    channel: Channel = Channel.UI,
    request=None,
) -> Inburgeringsplicht:
    """Record the duty and, once known, the term. Without DUO's einddatum the end is forecast as three
    years from the start (``terms.inburgeringstermijn_end``); DUO's own einddatum always wins."""
    if termijn_start is not None and termijn_start < start_date:
        raise ValidationError(
            {"termijn_start": _("De inburgeringstermijn kan niet beginnen vóór de inburgeringsplicht.")}
        )
    if termijn_start is None and termijn_end is not None:
        raise ValidationError({"termijn_start": _("Vul de start van de inburgeringstermijn in.")})
    if termijn_start is not None and termijn_end is None:
        termijn_end = inburgeringstermijn_end(termijn_start)
    if termijn_start is not None and termijn_end <= termijn_start:
        raise ValidationError({"termijn_end": _("Het einde van de termijn ligt na de start.")})
    plicht = plicht_of(person) or Inburgeringsplicht(person=person)
    created = plicht.pk is None
    plicht.start_date = start_date
    plicht.doelgroep = doelgroep
    plicht.termijn_start = termijn_start
    plicht.termijn_end = termijn_end
    plicht.source = source
    plicht.save()
    termijn = termijn_of(plicht)
    body = "Plicht vanaf %(start)s." % {"start": dutch_date(start_date)}
    if termijn is not None:
        body += " " + "Termijn %(start)s tot en met %(last)s." % {
            "start": dutch_date(termijn.startdatum),
            "last": dutch_date(termijn.last_day),
        }
    add_event(
        person,
        title="Inburgeringsplicht vastgelegd" if created else "Inburgeringsplicht gewijzigd",
        body=body,
        category=TERM_CATEGORY,
        actor=actor,
        channel=channel,
        kind=EventKind.STATUS,
        data={"termijn_end": termijn_end.isoformat() if termijn_end else None},
    )
    log_change(actor=actor, person=person, action=Action.CREATE if created else Action.UPDATE,
               category=TERM_CATEGORY, purpose=PURPOSE, channel=channel, request=request)
    return plicht


def _require_term(person: Person) -> Inburgeringsplicht:
    plicht = plicht_of(person)
    if termijn_of(plicht) is None:
        raise ValidationError(_("Er is nog geen inburgeringstermijn vastgelegd."))
    return plicht


@transaction.atomic
def record_verlenging(
    *,
    actor: User,
    person: Person,
    soort: VerlengingSoort,
    status: BesluitStatus,
    requested_on: dt.date | None,
    decided_on: dt.date | None,
    new_end: dt.date | None,
    reason: str = "",
    source: Bron = Bron.KOERS,
    channel: Channel = Channel.UI,
    request=None,
) -> Termijnverlenging:
    """An extension: requested, granted (the term's einddatum moves to DUO's ``new_end``) or refused
    (the term stays as it is)."""
    plicht = _require_term(person)
    if soort == VerlengingSoort.OP_VERZOEK and requested_on is None:
        raise ValidationError({"requested_on": _("Vul in wanneer de verlenging is aangevraagd.")})
    if status != BesluitStatus.AANGEVRAAGD and decided_on is None:
        raise ValidationError({"decided_on": _("Vul de datum van het besluit in.")})
    if requested_on and decided_on and decided_on < requested_on:
        raise ValidationError({"decided_on": _("Het besluit kan niet vóór de aanvraag liggen.")})
    if status == BesluitStatus.TOEGEKEND:
        if new_end is None:
            raise ValidationError({"new_end": _("Vul de nieuwe einddatum van de termijn in.")})
        if new_end <= plicht.termijn_end:
            raise ValidationError(
                {"new_end": _("De nieuwe einddatum moet na de huidige einddatum (%(end)s) liggen.")
                 % {"end": dutch_date(plicht.termijn_end)}}
            )
    else:
        new_end = None
    verlenging = Termijnverlenging.objects.create(
        person=person, soort=soort, status=status, requested_on=requested_on, decided_on=decided_on,
        new_end=new_end, reason=reason, source=source,
    )
    if new_end is not None:
        plicht.termijn_end = new_end
        plicht.save()
    title = {
        BesluitStatus.AANGEVRAAGD: "Verlenging van de inburgeringstermijn aangevraagd",
        BesluitStatus.TOEGEKEND: "Inburgeringstermijn verlengd",
        BesluitStatus.GEWEIGERD: "Verlenging van de inburgeringstermijn geweigerd",
    }[BesluitStatus(status)]
    body = f"{recorded(VerlengingSoort(soort).label)}."
    if new_end is not None:
        body += " " + "Laatste dag nu %(last)s." % {"last": dutch_date(new_end - dt.timedelta(days=1))}
    add_event(person, title=title, body=body, category=TERM_CATEGORY, actor=actor, channel=channel,
              kind=EventKind.STATUS, data={"verlenging": verlenging.pk})
    log_change(actor=actor, person=person, action=Action.CREATE, category=TERM_CATEGORY, purpose=PURPOSE,
               channel=channel, request=request)
    return verlenging


def _end_duty(plicht: Inburgeringsplicht | None, status: PlichtStatus, day: dt.date) -> None:
    if plicht is not None and plicht.status == PlichtStatus.LOPEND:
        plicht.status = status
        plicht.ended_on = day
        plicht.save()


@transaction.atomic
def record_vrijstelling(
    *,
    actor: User,
    person: Person,
    soort: VrijstellingSoort,
    start_date: dt.date,
    end_date: dt.date | None,
    components: list[str],
    reason: str = "",
    source: Bron = Bron.KOERS,
    channel: Channel = Channel.UI,
    request=None,
) -> Vrijstelling:
    """An exemption. A temporary one has an end date, a partial one names its components; a full one
    ends the duty."""
    if soort == VrijstellingSoort.TIJDELIJK and end_date is None:
        raise ValidationError({"end_date": _("Een tijdelijke vrijstelling heeft een einddatum.")})
    if soort == VrijstellingSoort.GEDEELTELIJK and not components:
        raise ValidationError({"components": _("Kies de onderdelen van de gedeeltelijke vrijstelling.")})
    if end_date is not None and end_date <= start_date:
        raise ValidationError({"end_date": _("De einddatum ligt na de ingangsdatum.")})
    vrijstelling = Vrijstelling.objects.create(
        person=person, soort=soort, start_date=start_date, end_date=end_date,
        components=components if soort == VrijstellingSoort.GEDEELTELIJK else [], reason=reason, source=source,
    )
    if soort == VrijstellingSoort.VOLLEDIG:
        _end_duty(plicht_of(person), PlichtStatus.VRIJGESTELD, start_date)
    add_event(person, title=f"Vrijstelling vastgelegd: {recorded(VrijstellingSoort(soort).label)}",
              body="Vanaf %(start)s." % {"start": dutch_date(start_date)}, category=TERM_CATEGORY,
              actor=actor, channel=channel, kind=EventKind.STATUS, data={"vrijstelling": vrijstelling.pk})
    log_change(actor=actor, person=person, action=Action.CREATE, category=TERM_CATEGORY, purpose=PURPOSE,
               channel=channel, request=request)
    return vrijstelling


@transaction.atomic
def record_ontheffing(
    *,
    actor: User,
    person: Person,
    grond: OntheffingGrond,
    volledig: bool,
    decided_on: dt.date,
    reason: str = "",
    source: Bron = Bron.KOERS,
    channel: Channel = Channel.UI,
    request=None,
) -> Ontheffing:
    """An ontheffing; a full one ends the duty."""
    ontheffing = Ontheffing.objects.create(
        person=person, grond=grond, volledig=volledig, decided_on=decided_on, reason=reason, source=source,
        created_by=actor,
    )
    if volledig:
        _end_duty(plicht_of(person), PlichtStatus.ONTHEVEN, decided_on)
    add_event(person, title=f"Ontheffing vastgelegd: {recorded(OntheffingGrond(grond).label)}",
              body="Volledig." if volledig else "Gedeeltelijk.", category=TERM_CATEGORY, actor=actor,
              channel=channel, kind=EventKind.STATUS, data={"ontheffing": ontheffing.pk})
    log_change(actor=actor, person=person, action=Action.CREATE, category=TERM_CATEGORY, purpose=PURPOSE,
               channel=channel, request=request)
    return ontheffing
