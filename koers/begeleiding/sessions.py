"""Group sessions: information meetings, workshops, budget trainings and PVT groups of a municipality.

A session covers some items of the start-up checklist (by their key in the municipality's MB policy).
People are invited in their own language, with an interpreter where they speak none of the session's
languages; registering attendance ticks the covered items off for those who came, through the
checklist service, so that every tick lands on the timeline. Absence leaves the items open."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.records import recorded
from koers.people.constants import LANGUAGES, EventKind
from koers.people.models import Person

from . import services
from .constants import ChecklistStatus, SessionKind
from .invitations import invitation_language
from .models import ChecklistItem, GroupSession, Invitation
from .policy import ChecklistSpec
from .services import _timeline

SESSION_CATEGORY = DataCategory.CONTACT
# Checklist items a session may tick: what is still to do. "Done" stays done, "not needed" stays so.
TICKABLE = (ChecklistStatus.OPEN, ChecklistStatus.IN_PROGRESS)


def checklist_options(municipality: Municipality) -> tuple[ChecklistSpec, ...]:
    """The checklist items a session of ``municipality`` can cover: those of its current policy."""
    return services.current_policy(municipality).settings.checklist


def _check_languages(codes: Iterable[str], message: str) -> list[str]:
    codes = list(dict.fromkeys(codes))
    if any(code not in LANGUAGES for code in codes):
        raise ValidationError(message)
    return codes


@transaction.atomic
def plan_session(*, actor: User, municipality: Municipality, organisation_id: int | None, kind: str,
                 title: str, starts_at: dt.datetime, place: str, languages: Iterable[str],
                 interpreter_languages: Iterable[str] = (), capacity: int, covers: Iterable[str] = ()) -> GroupSession:
    if kind not in SessionKind.values:
        raise ValidationError(_("Kies een geldige soort bijeenkomst."))
    if not title.strip() or not place.strip():
        raise ValidationError(_("Geef de bijeenkomst een titel en een plaats."))
    if starts_at < clock.now():
        raise ValidationError(_("Een bijeenkomst plan je in de toekomst."))
    languages = _check_languages(languages, _("Kies de voertaal uit de lijst."))
    if not languages:
        raise ValidationError(_("Kies ten minste één voertaal."))
    interpreters = [code for code in _check_languages(interpreter_languages, _("Kies de tolktalen uit de lijst."))
                    if code not in languages]
    if not 1 <= capacity <= 500:
        raise ValidationError(_("Het aantal plaatsen ligt tussen 1 en 500."))
    known = {spec.key for spec in checklist_options(municipality)}
    covers = list(dict.fromkeys(covers))
    if any(key not in known for key in covers):
        raise ValidationError(_("Kies alleen punten uit de checklist van het MB-beleid van de gemeente."))
    return GroupSession.objects.create(
        municipality=municipality, organisation_id=organisation_id, kind=kind, title=title.strip(), starts_at=starts_at,
        place=place.strip(), languages=languages, interpreter_languages=interpreters, capacity=capacity,
        covers=covers, created_by=actor,
    )


def interpreter_for(person: Person, session: GroupSession) -> str:
    """The language of the interpreter ``person`` needs at ``session``: none when they speak one of the
    session's languages (or no language is known); otherwise the first of theirs an interpreter is
    available for, or else their first language (an interpreter still to be arranged)."""
    if not person.languages or set(person.languages) & set(session.languages):
        return ""
    available = [code for code in person.languages if code in session.interpreter_languages]
    return (available or person.languages)[0]


@dataclass(frozen=True)
class InterpreterNeed:
    language: str
    count: int
    available: bool

    @property
    def name(self) -> str:
        return LANGUAGES.get(self.language, self.language)


def interpreters_needed(session: GroupSession) -> list[InterpreterNeed]:
    """Per language, how many invited people need an interpreter, and whether one is available."""
    counts = Counter(session.invitations.exclude(interpreter_language="").values_list("interpreter_language",
                                                                                      flat=True))
    return [InterpreterNeed(code, n, code in session.interpreter_languages) for code, n in sorted(counts.items())]


def _session_line(session: GroupSession) -> str:
    when = timezone.localtime(session.starts_at)
    return f"{when:%d-%m-%Y %H:%M}, {session.place}"


@transaction.atomic
def invite(*, actor: User, session: GroupSession, persons: Iterable[Person], purpose: str,
           request=None) -> list[Invitation]:
    """Invite ``persons`` (those already invited are left as they are); refused as a whole when the
    session has passed, is full, or someone lives in another municipality."""
    session = GroupSession.objects.select_for_update().get(pk=session.pk)
    if session.starts_at < clock.now():
        raise ValidationError(_("Deze bijeenkomst is al geweest; uitnodigen kan niet meer."))
    persons = list(persons)
    if any(p.municipality_id != session.municipality_id for p in persons):
        raise ValidationError(_("Je nodigt alleen mensen uit de gemeente van de bijeenkomst uit."))
    invited = set(session.invitations.values_list("person_id", flat=True))
    new = [p for p in persons if p.pk not in invited]
    free = session.capacity - len(invited)
    if len(new) > free:
        raise ValidationError(_("Er zijn nog %(free)d plaatsen; je koos %(count)d mensen.") % {
            "free": max(free, 0), "count": len(new)})
    invitations = Invitation.objects.bulk_create(
        Invitation(session=session, person=person, language=invitation_language(person),
                   interpreter_language=interpreter_for(person, session), invited_by=actor)
        for person in new
    )
    for invitation in invitations:
        body = _session_line(session) + (f"\nTolk: {LANGUAGES[invitation.interpreter_language]}"
                                          if invitation.interpreter_language in LANGUAGES else "")
        _timeline(invitation.person, EventKind.APPOINTMENT, SESSION_CATEGORY,
                  f"Uitgenodigd voor {recorded(SessionKind(session.kind).label).lower()}: {session.title}", actor, body,
                  session=session.pk, language=invitation.language)
    if new:
        record(user=actor, action=Action.CREATE, persons=new, categories=[SESSION_CATEGORY], purpose=purpose,
               channel=Channel.UI, request=request, detail=f"Groepsbijeenkomst {session.pk}")
    return invitations


def covered_items(session: GroupSession, person: Person) -> QuerySet[ChecklistItem]:
    """The items of the person's running trajectory that the session covers and that are still to do."""
    trajectory = services.open_trajectory(person)
    if trajectory is None or not session.covers:
        return ChecklistItem.objects.none()
    return trajectory.checklist.filter(key__in=session.covers, status__in=TICKABLE).select_related(
        "trajectory__person")


@transaction.atomic
def register_attendance(*, actor: User, session: GroupSession, invitations: Iterable[Invitation],
                        present: Iterable[int], purpose: str, request=None) -> int:
    """Record who of ``invitations`` (still without attendance) came; ``present`` holds invitation ids.
    Attending ticks off the covered checklist items; returns how many items were ticked."""
    if session.starts_at > clock.now():
        raise ValidationError(_("Aanwezigheid registreer je pas als de bijeenkomst begonnen is."))
    open_ones = [i for i in invitations if i.session_id == session.pk and i.attended is None]
    if not open_ones:
        raise ValidationError(_("Van deze bijeenkomst is de aanwezigheid al geregistreerd."))
    present = set(present)
    if not present <= {i.pk for i in open_ones}:
        raise ValidationError(_("Kies alleen uitgenodigden van wie de aanwezigheid nog open staat."))
    remark = f"{session.title} ({timezone.localtime(session.starts_at):%d-%m-%Y})"
    ticked = 0
    for invitation in open_ones:
        invitation.attended = invitation.pk in present
        invitation.save(update_fields=["attended"])
        _timeline(invitation.person, EventKind.APPOINTMENT, SESSION_CATEGORY,
                  f"{session.title}: {'aanwezig' if invitation.attended else 'niet aanwezig'}", actor,
                  _session_line(session), session=session.pk)
        if invitation.attended:
            for item in covered_items(session, invitation.person):
                services.set_checklist_status(actor=actor, item=item, status=ChecklistStatus.DONE,
                                              remark=remark[:300], purpose=purpose, request=request)
                ticked += 1
    return ticked


def sessions_in(municipality_ids: Iterable[int]) -> QuerySet[GroupSession]:
    return GroupSession.objects.filter(municipality_id__in=set(municipality_ids)).select_related("municipality")
