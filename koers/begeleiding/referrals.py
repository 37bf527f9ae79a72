"""Signalering: referrals to the social map with the person's recorded consent, their follow-up, and
the case meeting (casuïstiekoverleg) of a municipality.

The case meeting follows the municipality's MB policy: every ``case_meeting_weeks`` weeks (Woerden:
every four, Heerenveen: every two), counted in blocks from a fixed Monday so that everyone sees the
same meetings; a policy without a cadence keeps one agenda per calendar month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.people.constants import EventKind
from koers.people.models import Person

from .constants import ReferralStatus
from .models import CaseMeetingItem, Referral, SocialMapEntry
from .services import _audit, _timeline, current_policy

MEETING_ANCHOR = dt.date(2022, 1, 3)
"""Cadences count from the first Monday of 2022, when the Wi2021 came into force."""


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Meeting:
    """One case meeting of a municipality: its agenda covers ``start`` up to (not including) ``end``."""

    start: dt.date
    end: dt.date
    weeks: int
    """The policy's cadence in weeks; 0 when the agenda runs per calendar month."""

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


def meeting_for(municipality: Municipality, day: dt.date) -> Meeting:
    """The case meeting of ``municipality`` whose agenda covers ``day``, by its current MB policy."""
    weeks = current_policy(municipality).settings.case_meeting_weeks
    if not weeks:
        start = first_of_month(day)
        return Meeting(start, start + relativedelta(months=1), 0)
    length = dt.timedelta(weeks=weeks)
    start = MEETING_ANCHOR + ((day - MEETING_ANCHOR) // length) * length
    return Meeting(start, start + length, weeks)


# ---------------------------------------------------------------- social map


def social_map(municipality_ids, *, active_only: bool = False) -> QuerySet[SocialMapEntry]:
    entries = SocialMapEntry.objects.filter(municipality_id__in=set(municipality_ids)).select_related("municipality")
    return entries.filter(active=True) if active_only else entries


@transaction.atomic
def save_entry(*, entry: SocialMapEntry, name: str, domain: str, contact: str = "", address: str = "") -> SocialMapEntry:
    """Store a new or changed organisation of the social map; a name and a life domain are required."""
    if not (name.strip() and domain.strip()):
        raise ValidationError(_("Geef de organisatie een naam en een leefgebied."))
    entry.name, entry.domain, entry.contact, entry.address = name.strip(), domain.strip(), contact.strip(), address.strip()
    entry.save()
    return entry


def set_entry_active(entry: SocialMapEntry, active: bool) -> None:
    """An inactive organisation stays on earlier referrals but is no longer offered for new ones."""
    entry.active = active
    entry.save(update_fields=["active"])


# ---------------------------------------------------------------- referrals


@transaction.atomic
def refer(*, actor: User, person: Person, organisation: SocialMapEntry, reason: str, consent_given_by: str,
          consent_on: dt.date | None, consent_for: str, follow_up_on: dt.date | None = None, purpose: str,
          request=None) -> Referral:
    """A referral is saved only with consent: who gave it, when and for what."""
    if organisation.municipality_id != person.municipality_id:
        raise ValidationError(_("Deze organisatie staat niet op de sociale kaart van de gemeente van deze persoon."))
    if not organisation.active:
        raise ValidationError(_("Deze organisatie staat niet meer actief op de sociale kaart."))
    if not (consent_given_by.strip() and consent_on and consent_for.strip()):
        raise ValidationError(_("Een verwijzing kan alleen met toestemming: leg vast wie toestemming gaf, "
                                "wanneer en waarvoor."))
    if not reason.strip():
        raise ValidationError(_("Geef de reden van de verwijzing."))
    referral = Referral.objects.create(person=person, organisation=organisation, reason=reason.strip(),
                                       consent_given_by=consent_given_by.strip(), consent_on=consent_on,
                                       consent_for=consent_for.strip(), follow_up_on=follow_up_on, created_by=actor)
    _timeline(person, EventKind.NOTE, DataCategory.NOTES,
              _("Verwezen naar %(organisation)s") % {"organisation": organisation.name}, actor,
              body=referral.reason, referral=referral.pk)
    _audit(actor, person, [DataCategory.NOTES], purpose, request, detail="verwijzing")
    return referral


@transaction.atomic
def set_referral_status(*, actor: User, referral: Referral, status: str, purpose: str, request=None) -> None:
    if status not in ReferralStatus.values:
        raise ValidationError(_("Kies een geldige status."))
    referral.status = status
    referral.save(update_fields=["status"])
    _timeline(referral.person, EventKind.STATUS, DataCategory.NOTES,
              _("Verwijzing naar %(organisation)s: %(status)s") % {
                  "organisation": referral.organisation.name, "status": referral.get_status_display()}, actor,
              referral=referral.pk)
    _audit(actor, referral.person, [DataCategory.NOTES], purpose, request, detail="status verwijzing")


@transaction.atomic
def reschedule_follow_up(*, actor: User, referral: Referral, follow_up_on: dt.date | None, purpose: str,
                         request=None) -> None:
    if follow_up_on is not None and follow_up_on < referral.created_at.date():
        raise ValidationError(_("De datum voor opvolgen ligt vóór de verwijzing."))
    referral.follow_up_on = follow_up_on
    referral.save(update_fields=["follow_up_on"])
    when = follow_up_on.strftime("%d-%m-%Y") if follow_up_on else "geen datum"
    _timeline(referral.person, EventKind.NOTE, DataCategory.NOTES,
              f"Verwijzing naar {referral.organisation.name}: opvolgen op {when}", actor, referral=referral.pk)
    _audit(actor, referral.person, [DataCategory.NOTES], purpose, request, detail="opvolgdatum verwijzing")


@transaction.atomic
def update_referral(*, actor: User, referral: Referral, status: str, follow_up_on: dt.date | None, purpose: str,
                    request=None) -> None:
    """Change what changed of status and follow-up date, all or nothing."""
    if status != referral.status:
        set_referral_status(actor=actor, referral=referral, status=status, purpose=purpose, request=request)
    if follow_up_on != referral.follow_up_on:
        reschedule_follow_up(actor=actor, referral=referral, follow_up_on=follow_up_on, purpose=purpose,
                             request=request)


@transaction.atomic
def flag_for_case_meeting(*, actor: User, person: Person, day: dt.date, question: str, purpose: str,
                          request=None) -> CaseMeetingItem:
    """Bring ``person`` into the case meeting of their municipality that covers ``day``."""
    if not question.strip():
        raise ValidationError(_("Schrijf de vraag voor het casuïstiekoverleg op."))
    meeting = meeting_for(person.municipality, day)
    item = CaseMeetingItem.objects.create(person=person, meeting_on=meeting.start, question=question.strip(),
                                          flagged_by=actor)
    _timeline(person, EventKind.NOTE, DataCategory.NOTES, _("Ingebracht voor het casuïstiekoverleg"), actor,
              body=item.question, item=item.pk)
    _audit(actor, person, [DataCategory.NOTES], purpose, request, detail="casuïstiekoverleg")
    return item


def case_meeting_agenda(municipality: Municipality, meeting: Meeting) -> QuerySet[CaseMeetingItem]:
    """The dossiers of one municipality brought into ``meeting`` (also those flagged under an earlier
    cadence whose date falls in it)."""
    return (CaseMeetingItem.objects.filter(person__municipality=municipality, meeting_on__gte=meeting.start,
                                           meeting_on__lt=meeting.end).select_related("person"))


@transaction.atomic
def record_outcome(*, actor: User, item: CaseMeetingItem, outcome: str, purpose: str, request=None) -> None:
    if not outcome.strip():
        raise ValidationError(_("Schrijf de uitkomst van het overleg op."))
    item.outcome = outcome.strip()
    item.save(update_fields=["outcome"])
    _timeline(item.person, EventKind.NOTE, DataCategory.NOTES, _("Uitkomst casuïstiekoverleg"), actor,
              body=item.outcome, item=item.pk)
    _audit(actor, item.person, [DataCategory.NOTES], purpose, request, detail="uitkomst casuïstiekoverleg")
