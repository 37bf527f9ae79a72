"""The volunteer pool: explainable matching suggestions for a household, matches (which give the
volunteer access through a VRIJWILLIGER assignment), and the volunteer's short reports. A concern
in a report raises a signal for the MB-begeleider (see ``deadlines``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory, Role
from koers.access.models import Organisation, User
from koers.lib import clock
from koers.people.constants import LANGUAGES, AssignmentRole, EventKind
from koers.people.models import Assignment, Household, Person

from .models import Volunteer, VolunteerMatch, VolunteerReport
from .services import _audit, _timeline

LANGUAGE_POINTS = 3
SAME_AREA_POINTS = 2
NEAR_AREA_POINTS = 1
AVAILABLE_POINTS = 1


@dataclass(frozen=True)
class Suggestion:
    volunteer: Volunteer
    score: int
    reasons: tuple[str, ...]


def works_in(municipality_id: int) -> Q:
    """Volunteers whose organisation belongs to or serves the municipality."""
    organisations = Organisation.objects.filter(Q(municipality_id=municipality_id) | Q(serves=municipality_id))
    return Q(organisation_id__in=organisations.values("pk"))


def household_persons(household: Household) -> list[Person]:
    return [m.person for m in household.members.select_related("person") if m.person_id]


def open_matches_count(volunteer: Volunteer) -> int:
    return volunteer.matches.filter(ended_on__isnull=True).count()


def _postcode_digits(postcode: str) -> str:
    return "".join(ch for ch in postcode if ch.isdigit())[:4]


def score_volunteer(volunteer: Volunteer, languages: Iterable[str], postcode: str,
                    free_places: int) -> Suggestion:
    """How well ``volunteer`` fits a household speaking ``languages`` at ``postcode``: shared
    language, same or nearby postcode area, availability and room left; every point has a reason."""
    score = 0
    reasons: list[str] = []
    shared = [code for code in volunteer.languages if code in set(languages)]
    if shared:
        score += LANGUAGE_POINTS
        names = ", ".join(str(LANGUAGES.get(code, code)) for code in shared)
        reasons.append(_("Spreekt dezelfde taal: %(languages)s") % {"languages": names})
    mine, theirs = _postcode_digits(volunteer.postcode), _postcode_digits(postcode)
    if mine and theirs and mine == theirs:
        score += SAME_AREA_POINTS
        reasons.append(_("Woont in hetzelfde postcodegebied (%(area)s)") % {"area": mine})
    elif mine[:2] and mine[:2] == theirs[:2]:
        score += NEAR_AREA_POINTS
        reasons.append(_("Woont in de buurt (postcodegebied %(area)s..)") % {"area": mine[:2]})
    if volunteer.availability:
        score += AVAILABLE_POINTS
        reasons.append(_("Beschikbaar: %(when)s") % {"when": ", ".join(volunteer.availability)})
    reasons.append(_("Nog plaats voor %(count)d huishouden(s)") % {"count": free_places})
    return Suggestion(volunteer, score, tuple(reasons))


def suggestions_for(household: Household) -> list[Suggestion]:
    """Active volunteers of the household's municipality with room left, best fit first."""
    persons = household_persons(household)
    languages = {code for p in persons for code in p.languages}
    postcode = next((p.postcode for p in persons if p.postcode), "")
    already = VolunteerMatch.objects.filter(household=household, ended_on__isnull=True).values("volunteer_id")
    pool = (Volunteer.objects.filter(works_in(household.municipality_id), active=True)
            .exclude(pk__in=already).select_related("user")
            .annotate(open_matches=Count("matches", filter=Q(matches__ended_on__isnull=True))))
    found = [score_volunteer(v, languages, postcode, v.capacity - v.open_matches)
             for v in pool if v.open_matches < v.capacity]
    return sorted(found, key=lambda s: (-s.score, str(s.volunteer)))


@transaction.atomic
def match(*, actor: User, volunteer: Volunteer, household: Household, purpose: str, request=None) -> VolunteerMatch:
    persons = household_persons(household)
    if not persons:
        raise ValidationError(_("Dit huishouden heeft geen personen met een dossier."))
    if not Volunteer.objects.filter(works_in(household.municipality_id), pk=volunteer.pk).exists():
        raise ValidationError(_("Deze vrijwilliger werkt niet in de gemeente van dit huishouden."))
    if VolunteerMatch.objects.filter(volunteer=volunteer, household=household, ended_on__isnull=True).exists():
        raise ValidationError(_("Deze vrijwilliger is al het maatje van dit huishouden."))
    if open_matches_count(volunteer) >= volunteer.capacity:
        raise ValidationError(_("Deze vrijwilliger heeft geen plaats meer voor een nieuw huishouden."))
    suggestion = score_volunteer(volunteer, {c for p in persons for c in p.languages},
                                 next((p.postcode for p in persons if p.postcode), ""),
                                 volunteer.capacity - open_matches_count(volunteer))
    today = clock.today()
    created = VolunteerMatch.objects.create(volunteer=volunteer, household=household, reasons=list(suggestion.reasons),
                                            started_on=today, created_by=actor)
    for person in persons:
        created.assignments.add(Assignment.objects.create(
            person=person, organisation=volunteer.organisation, user=volunteer.user,
            role=AssignmentRole.VRIJWILLIGER, start_date=today,
        ))
        _timeline(person, EventKind.ASSIGNMENT, DataCategory.IDENTITY,
                  _("Maatje gekoppeld: %(name)s") % {"name": volunteer}, actor, match=created.pk)
        _audit(actor, person, [DataCategory.IDENTITY], purpose, request, detail="maatje gekoppeld")
    return created


@transaction.atomic
def end_match(*, actor: User, match: VolunteerMatch, purpose: str, request=None) -> None:
    if not match.is_open:
        raise ValidationError(_("Deze koppeling is al beëindigd."))
    today = clock.today()
    match.ended_on = today
    match.save(update_fields=["ended_on"])
    for assignment in match.assignments.select_related("person"):
        assignment.end_date = max(today, assignment.start_date)
        assignment.save(update_fields=["end_date"])
        _timeline(assignment.person, EventKind.ASSIGNMENT, DataCategory.IDENTITY,
                  _("Maatje beëindigd: %(name)s") % {"name": match.volunteer}, actor, match=match.pk)
        _audit(actor, assignment.person, [DataCategory.IDENTITY], purpose, request, detail="maatje beëindigd")


def matches_of(user: User) -> QuerySet[VolunteerMatch]:
    """The open matches of this volunteer user ("Mijn maatjes")."""
    return VolunteerMatch.objects.filter(volunteer__user=user, ended_on__isnull=True).select_related("household")


def open_match_for(user: User, person: Person) -> VolunteerMatch | None:
    return matches_of(user).filter(assignments__person=person).first()


@transaction.atomic
def write_report(*, actor: User, person: Person, text: str, concern: bool = False, concern_text: str = "",
                 purpose: str, request=None) -> VolunteerReport:
    found = open_match_for(actor, person)
    if found is None:
        raise ValidationError(_("U bent geen maatje van deze persoon."))
    if not text.strip():
        raise ValidationError(_("Schrijf kort op wat er is gebeurd."))
    if concern and not concern_text.strip():
        raise ValidationError(_("Beschrijf uw zorg."))
    report = VolunteerReport.objects.create(match=found, person=person, written_by=actor, written_on=clock.today(),
                                            text=text.strip(), concern=concern,
                                            concern_text=concern_text.strip() if concern else "")
    _timeline(person, EventKind.NOTE, DataCategory.CONTACT, _("Verslag van het maatje"), actor, body=report.text,
              report=report.pk)
    categories = [DataCategory.CONTACT]
    if concern:
        _timeline(person, EventKind.NOTE, DataCategory.NOTES, _("Zorgmelding van het maatje"), actor,
                  body=report.concern_text, report=report.pk)
        categories.append(DataCategory.NOTES)
    _audit(actor, person, categories, purpose, request, detail="verslag maatje")
    return report


def reports_visible_to(user: User, person: Person, categories: Iterable[str]) -> QuerySet[VolunteerReport]:
    """A volunteer sees only the reports they wrote; professionals who may see NOTES see all."""
    qs = VolunteerReport.objects.filter(person=person).select_related("written_by")
    if DataCategory.NOTES in set(categories):
        return qs
    return qs.filter(written_by=user)


@transaction.atomic
def mark_concern_handled(*, actor: User, report: VolunteerReport, purpose: str, request=None) -> None:
    if not report.concern or report.handled_on:
        raise ValidationError(_("Deze melding hoeft niet (meer) te worden afgehandeld."))
    report.handled_on = clock.today()
    report.handled_by = actor
    report.save(update_fields=["handled_on", "handled_by"])
    _timeline(report.person, EventKind.NOTE, DataCategory.NOTES, _("Zorgmelding afgehandeld"), actor,
              report=report.pk)
    _audit(actor, report.person, [DataCategory.NOTES], purpose, request, detail="zorgmelding afgehandeld")


@transaction.atomic
def save_volunteer(*, volunteer: Volunteer, languages: Iterable[str], postcode: str, availability: Iterable[str],
                   skills: str, capacity: int, active: bool) -> Volunteer:
    """Store a new or changed volunteer profile. The user must be a volunteer of the profile's
    organisation, and the capacity never drops below the households the volunteer has now."""
    languages = list(dict.fromkeys(languages))
    if not languages or any(code not in LANGUAGES for code in languages):
        raise ValidationError(_("Kies ten minste één taal uit de lijst."))
    if not 1 <= capacity <= 10:
        raise ValidationError(_("Een vrijwilliger begeleidt 1 tot 10 huishoudens."))
    if not volunteer.user.memberships.filter(organisation=volunteer.organisation, role=Role.VRIJWILLIGER).exists():
        raise ValidationError(_("Deze gebruiker is geen vrijwilliger van uw organisatie."))
    if volunteer.pk and capacity < open_matches_count(volunteer):
        raise ValidationError(_("Deze vrijwilliger begeleidt nu %(count)d huishoudens; kies niet minder.") % {
            "count": open_matches_count(volunteer)})
    volunteer.languages, volunteer.postcode, volunteer.availability = languages, postcode, list(availability)
    volunteer.skills, volunteer.capacity, volunteer.active = skills.strip(), capacity, active
    volunteer.save()
    return volunteer


def unprofiled_volunteers(organisation_ids: Iterable[int]) -> QuerySet[User]:
    """Users with the volunteer role in these organisations who have no profile in the pool yet."""
    return (User.objects.filter(memberships__organisation_id__in=set(organisation_ids),
                                memberships__role=Role.VRIJWILLIGER, mb_volunteer__isnull=True)
            .distinct().order_by("first_name", "last_name"))
