"""Begeleiding records for the demo: for persons the MB organisation works with, a trajectory up to the
phase the dossier is in (taken step by step through the services, on the dates they would have been
taken), a partly ticked checklist, appointments, a plan with measurements and, at the end, the handover.

Call :func:`add_demo_begeleiding` after the demo persons exist; it skips persons that already have a
trajectory, so it may run any number of times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from koers.access.constants import Role
from koers.access.models import Membership, User
from koers.lib import clock
from koers.lib.dates import add_months
from koers.people.constants import Phase
from koers.people.models import Person

from . import referrals, services, sessions, volunteers
from .constants import (
    AppointmentStatus,
    ChecklistGroup,
    ChecklistStatus,
    Consent,
    ReferralStatus,
    SessionKind,
    SupportMode,
)
from .models import SocialMapEntry, Trajectory, Volunteer

PURPOSE = "Demo: begeleiding opbouwen"
CHAIN = (Phase.KOPPELING, Phase.HUISVESTING, Phase.REGELDAG, Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING,
         Phase.AFRONDING)
# Days from the koppeling to each step (the opstartfase and later follow the policy).
OFFSETS = {Phase.HUISVESTING: 45, Phase.REGELDAG: 75, Phase.OPSTARTFASE: 77}
POOL = (("maatje-amal", "Amal", "Bakker", ["ar", "nl"], "9711", ["ma-avond", "za-ochtend"]),
        ("maatje-dawit", "Dawit", "Mulder", ["ti", "am", "nl"], "9722", ["wo-middag"]))
REPORTS = ("Samen boodschappen gedaan en de weg naar de bibliotheek gezocht.",
           "Geholpen met de brief van de zorgverzekeraar.")
SOCIAL_MAP = (("Schuldhulpmaatje", "Financiën en administratie", "schuldhulp@example.org"),
              ("Sociaal wijkteam", "Zorg en gezondheid", "0800-0123 (werkdagen 9–17 uur)"),
              ("Taalhuis in de bibliotheek", "Maatschappelijke participatie", "taalhuis@example.org"),
              ("Sportloket", "Sociaal netwerk", "sport@example.org"),
              ("Jeugd- en gezinsteam", "Jeugd en school", "jgt@example.org"))
REFERRAL_REASONS = ("Achterstand met de huur en de energierekening.", "Slaapt slecht, zoekt iemand om mee te praten.",
                    "Wil Nederlands oefenen buiten de les.")
CASE_QUESTIONS = ("Schulden lopen op ondanks ontzorgen; welke stap nu?", "Gezin raakt de weg kwijt in de zorg.")
CASE_OUTCOMES = ("Aanmelden bij schuldhulp; over drie maanden terug in het overleg.", "")
# Phases in which the start-up checklist is being worked on.
STARTED_UP = (Phase.REGELDAG, Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING)
GOALS = ("Zelf de vaste lasten overzien", "Wegwijs in de buurt en de sociale kaart", "Een eerste stap naar werk")


def add_demo_begeleiding(persons: Iterable[Person], *, worker: User, consultant: User, limit: int = 60) -> int:
    """Trajectories for up to ``limit`` of ``persons`` (in their current phase); returns how many were made."""
    made = 0
    for person in persons:
        if made >= limit:
            break
        if Trajectory.objects.filter(person=person).exists() or person.koppeling_date > clock.today():
            continue
        with transaction.atomic():
            _build(person, worker, consultant)
        made += 1
    if made:
        with_trajectory = [p for p in persons if Trajectory.objects.filter(person=p).exists()]
        _add_volunteers(worker, with_trajectory)
        for municipality_id in dict.fromkeys(p.municipality_id for p in with_trajectory):
            add_demo_signalering([p for p in with_trajectory if p.municipality_id == municipality_id], worker=worker)
    return made


def add_demo_signalering(persons: list[Person], *, worker: User) -> None:
    """For the municipality of ``persons``: a social map, referrals (one with an overdue follow-up),
    the case meeting covering today and the one before, a session that was held (attendance ticked the
    checklist of who came) and one still to come. Skipped when the municipality has a social map."""
    municipality = persons[0].municipality
    if SocialMapEntry.objects.filter(municipality=municipality).exists():
        return
    entries = [SocialMapEntry.objects.create(municipality=municipality, name=name, domain=domain, contact=contact)
               for name, domain, contact in SOCIAL_MAP]
    running = [p for p in persons if Trajectory.objects.filter(person=p, state__in=STARTED_UP).exists()]
    today = clock.today()
    for index, (person, entry) in enumerate(zip(running, entries[:3], strict=False)):
        with transaction.atomic():
            referral = referrals.refer(actor=worker, person=person, organisation=entry, reason=REFERRAL_REASONS[index],
                                       consent_given_by=f"{person.full_name} (zelf)", consent_on=today,
                                       consent_for="Naam, adres en hulpvraag delen met de organisatie",
                                       follow_up_on=today + dt.timedelta(days=14 * index - 5), purpose=PURPOSE)
            if index == 2:
                referrals.set_referral_status(actor=worker, referral=referral, status=ReferralStatus.IN_PROGRESS,
                                              purpose=PURPOSE)
    last_meeting = referrals.meeting_for(municipality, today).start - dt.timedelta(days=1)
    for person, day, question, outcome in zip(running, (last_meeting, today), CASE_QUESTIONS, CASE_OUTCOMES,
                                              strict=False):
        item = referrals.flag_for_case_meeting(actor=worker, person=person, day=day, question=question,
                                               purpose=PURPOSE)
        if outcome:
            referrals.record_outcome(actor=worker, item=item, outcome=outcome, purpose=PURPOSE)
    _add_sessions(municipality, worker, running)


def _add_sessions(municipality, worker: User, persons: list[Person]) -> None:
    """An information meeting a week ago (the first invitee came, the second did not) and a budget
    training in ten days with the others invited."""
    if len(persons) < 2:
        return
    membership = Membership.objects.filter(user=worker, role=Role.MB_BEGELEIDER).first()
    organisation_id = membership.organisation_id if membership else None
    today = clock.today()
    vl = [spec.key for spec in sessions.checklist_options(municipality) if spec.group == ChecklistGroup.VL]
    held_on = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time(19)))
    with clock.frozen(today - dt.timedelta(days=14)), transaction.atomic():
        held = sessions.plan_session(actor=worker, municipality=municipality, organisation_id=organisation_id,
                                     kind=SessionKind.INFORMATION, title="Wonen en zorg in Nederland",
                                     starts_at=held_on, place="Buurthuis De Linde", languages=["nl"],
                                     interpreter_languages=["ar", "ti"], capacity=20, covers=vl[:2])
        invited = sessions.invite(actor=worker, session=held, persons=persons[:2], purpose=PURPOSE)
    with transaction.atomic():
        sessions.register_attendance(actor=worker, session=held, invitations=invited, present=[invited[0].pk],
                                     purpose=PURPOSE)
    with transaction.atomic():
        coming = sessions.plan_session(
            actor=worker, municipality=municipality, organisation_id=organisation_id, kind=SessionKind.BUDGET_TRAINING,
            title="Rondkomen met je geld", starts_at=timezone.make_aware(
                dt.datetime.combine(today + dt.timedelta(days=10), dt.time(10))),
            place="Bibliotheek, zaal 2", languages=["nl", "ar"], interpreter_languages=["ti"], capacity=12)
        sessions.invite(actor=worker, session=coming, persons=persons[2:8], purpose=PURPOSE)


def _add_volunteers(worker: User, persons: list[Person]) -> None:
    """A small pool in the worker's organisation (its volunteer users and two more), matched to the first
    households, with a few reports of which one raises a concern."""
    membership = Membership.objects.filter(user=worker, role=Role.MB_BEGELEIDER).first()
    if membership is None or Volunteer.objects.filter(organisation=membership.organisation).exists():
        return
    organisation = membership.organisation
    pool = [Volunteer.objects.create(user=m.user, organisation=organisation, languages=["nl", "ar"], postcode="9712",
                                     availability=["di-middag"], skills="Administratie", capacity=2)
            for m in Membership.objects.filter(organisation=organisation, role=Role.VRIJWILLIGER)]
    for username, first, last, languages, postcode, availability in POOL:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.VRIJWILLIGER)
        pool.append(Volunteer.objects.create(user=user, organisation=organisation, languages=languages,
                                             postcode=postcode, availability=availability, capacity=2))
    households = list(dict.fromkeys(p.household for p in persons if p.household))[:len(pool)]
    for volunteer, household in zip(pool, households):
        with transaction.atomic():
            match = volunteers.match(actor=worker, volunteer=volunteer, household=household, purpose=PURPOSE)
            person = match.assignments.first().person
            for index, text in enumerate(REPORTS):
                concern = volunteer is pool[0] and index == 1
                volunteers.write_report(actor=volunteer.user, person=person, text=text, concern=concern,
                                        concern_text="De huur is al twee maanden niet betaald." if concern else "",
                                        purpose=PURPOSE)


def _dates(person: Person, trajectory: Trajectory) -> dict[Phase, dt.date]:
    settings = trajectory.policy.settings
    start = person.koppeling_date
    dates = {phase: start + dt.timedelta(days=days) for phase, days in OFFSETS.items()}
    dates[Phase.VERDERE_BEGELEIDING] = dates[Phase.OPSTARTFASE] + dt.timedelta(
        days=settings.phase_days[Phase.OPSTARTFASE])
    end = add_months(dates[Phase.REGELDAG], settings.duration_months)
    dates[Phase.AFRONDING] = end - dt.timedelta(days=settings.phase_days[Phase.AFRONDING])
    return dates


def _build(person: Person, worker: User, consultant: User) -> None:
    wanted = person.phase
    with clock.frozen(person.koppeling_date):
        trajectory = services.start_trajectory(actor=worker, person=person, worker=worker, purpose=PURPOSE)
    target = wanted if wanted in CHAIN else Phase.AFRONDING
    dates = _dates(person, trajectory)
    today = clock.today()
    for phase in CHAIN[1:CHAIN.index(target) + 1]:
        day = min(dates[phase], today)
        if day < trajectory.state_since:
            break
        with clock.frozen(day):
            _before_leaving(trajectory, worker, day)
            services.transition(actor=worker, trajectory=trajectory, to_state=phase, purpose=PURPOSE)
        trajectory.refresh_from_db()
    _fill(trajectory, worker, consultant, today)
    if wanted == Phase.AFGESLOTEN and trajectory.state == Phase.AFRONDING:
        services.transition(actor=worker, trajectory=trajectory, to_state=Phase.AFGESLOTEN, purpose=PURPOSE)


def _before_leaving(trajectory: Trajectory, worker: User, day: dt.date) -> None:
    """What happens in a phase before the next one starts: the checklist on the regeldag and after."""
    if trajectory.state in (Phase.REGELDAG, Phase.OPSTARTFASE):
        share = 3 if trajectory.state == Phase.REGELDAG else 1
        items = [i for i in trajectory.checklist.all() if i.status == ChecklistStatus.OPEN]
        for item in items[: max(1, len(items) // share)]:
            services.set_checklist_status(actor=worker, item=item, status=ChecklistStatus.DONE, purpose=PURPOSE)
    if trajectory.state == Phase.OPSTARTFASE:
        moment = timezone.make_aware(dt.datetime.combine(trajectory.state_since + dt.timedelta(days=7), dt.time(10)))
        appointment = services.plan_appointment(actor=worker, trajectory=trajectory, starts_at=moment,
                                                subject="Huisbezoek opstartfase", interpreter_language="ar",
                                                purpose=PURPOSE)
        if moment.date() <= day:
            services.record_attendance(actor=worker, appointment=appointment, status=AppointmentStatus.ATTENDED,
                                       purpose=PURPOSE)


def _fill(trajectory: Trajectory, worker: User, consultant: User, today: dt.date) -> None:
    settings = trajectory.policy.settings
    if trajectory.state in (Phase.VERDERE_BEGELEIDING, Phase.AFRONDING) and settings.has_plan:
        for domain, goal in zip(settings.domains, GOALS, strict=False):
            services.add_goal(actor=worker, trajectory=trajectory, domain=domain.key, goal=goal,
                              actions="Samen stap voor stap", responsible="Deelnemer en begeleider", purpose=PURPOSE)
        for number, month in enumerate(settings.measurement_months):
            due = services.measurement_due(trajectory, month)
            if due is None or due > today:
                break
            with clock.frozen(due):
                scores = {d.key: min(5, 2 + number + (index % 2)) for index, d in enumerate(settings.domains)}
                services.record_measurement(actor=worker, trajectory=trajectory, month=month, scores=scores,
                                            purpose=PURPOSE)
    if trajectory.state == Phase.VERDERE_BEGELEIDING and trajectory.pk % 3 == 0 and settings.call_interval_months:
        services.set_support_mode(actor=worker, trajectory=trajectory, mode=SupportMode.ON_DEMAND, purpose=PURPOSE)
    if trajectory.state == Phase.VERDERE_BEGELEIDING and trajectory.pk % 4 == 0 and settings.extension_months:
        extension = services.request_extension(actor=worker, trajectory=trajectory,
                                               reason="Financiën nog niet op orde.", purpose=PURPOSE)
        if trajectory.pk % 8 == 0:
            services.decide_extension(actor=consultant, extension=extension, approve=True, purpose=PURPOSE)
    if trajectory.state == Phase.AFRONDING:
        services.record_handover(actor=worker, trajectory=trajectory, interview_on=trajectory.state_since,
                                 summary="Redt zich met wonen en geldzaken; zoekt nog vrijwilligerswerk.",
                                 recipient="Sociaal wijkteam", consent=Consent.GIVEN, purpose=PURPOSE)
