"""Domain actions of maatschappelijke begeleiding. Views call these; every step lands on the
person's timeline and in the audit log, all or nothing. Refusals are ``ValidationError``s in Dutch
and change nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.dates import add_months
from koers.lib.records import recorded
from koers.people.constants import LANGUAGES, EventKind, Phase
from koers.people.models import Person, TimelineEvent

from .constants import (
    SCORES,
    AppointmentStatus,
    CallOutcome,
    ChecklistStatus,
    Consent,
    ExtensionStatus,
    StartTrigger,
    SupportMode,
)
from .models import (
    Appointment,
    CallRecord,
    ChecklistItem,
    Extension,
    Handover,
    MbPolicy,
    Measurement,
    Note,
    PlanGoal,
    Task,
    Trajectory,
    Transition,
)
from .policy import PolicySettings, validate_policy
from .presets import DEFAULT_PRESET, preset
from .transitions import TransitionRefused, check_allowed

# ---------------------------------------------------------------- helpers


def _timeline(person: Person, kind: EventKind, category: DataCategory, title: str, actor: User | None,
              body: str = "", **data) -> TimelineEvent:
    return TimelineEvent.objects.create(
        person=person, kind=kind, category=category, title=title[:200], body=body, actor=actor, data=data
    )


def _audit(actor: User | None, person: Person, categories: Iterable[str], purpose: str, request=None,
           action: Action = Action.UPDATE, detail: str = "") -> None:
    record(user=actor, action=action, persons=[person], categories=categories, purpose=purpose,
           channel=Channel.UI, request=request, detail=detail)


def mirror_phase(person: Person, state: str) -> None:
    """Keep ``Person.phase`` in step with the trajectory (the caseload filters on it)."""
    if person.phase != state:
        person.phase = state
        person.save(update_fields=["phase", "updated_at"])


# ---------------------------------------------------------------- policy


def current_policy(municipality: Municipality) -> MbPolicy:
    """The municipality's newest policy version; a municipality without one gets the default preset."""
    policy = MbPolicy.objects.filter(municipality=municipality).order_by("-version").first()
    if policy is None:
        policy = MbPolicy.objects.create(
            municipality=municipality, version=1, preset=DEFAULT_PRESET,
            data=preset(DEFAULT_PRESET).settings.to_data(),
        )
    return policy


@transaction.atomic
def save_policy(*, actor: User, municipality: Municipality, settings: PolicySettings, preset_key: str = "") -> MbPolicy:
    """Store ``settings`` as the municipality's next policy version; running trajectories keep theirs."""
    validate_policy(settings)
    latest = (
        MbPolicy.objects.select_for_update().filter(municipality=municipality).order_by("-version").first()
    )
    return MbPolicy.objects.create(
        municipality=municipality,
        version=(latest.version + 1) if latest else 1,
        preset=preset_key,
        data=settings.to_data(),
        created_by=actor,
    )


# ---------------------------------------------------------------- trajectory


def open_trajectory(person: Person) -> Trajectory | None:
    return (
        Trajectory.objects.select_related("policy", "worker").filter(person=person)
        .exclude(state=Phase.AFGESLOTEN).first()
    )


def latest_trajectory(person: Person) -> Trajectory | None:
    return open_trajectory(person) or Trajectory.objects.select_related("policy", "worker").filter(
        person=person
    ).order_by("-started_on", "-id").first()


def planned_end(trajectory: Trajectory) -> dt.date | None:
    if trajectory.mb_start is None:
        return None
    months = trajectory.policy.settings.duration_months + sum(
        e.months for e in trajectory.extensions.all() if e.status == ExtensionStatus.APPROVED
    )
    return add_months(trajectory.mb_start, months)


def measurement_due(trajectory: Trajectory, month: int) -> dt.date | None:
    return add_months(trajectory.mb_start, month) if trajectory.mb_start else None


@transaction.atomic
def start_trajectory(*, actor: User, person: Person, on: dt.date | None = None, worker: User | None = None,
                     organisation_id: int | None = None, purpose: str, request=None) -> Trajectory:
    """Start MB at the koppeling: pin the municipality's current policy and generate the start-up
    checklist from it."""
    on = on or clock.today()
    if on > clock.today():
        raise ValidationError(_("Een traject kan niet in de toekomst starten."))
    if Trajectory.objects.select_for_update().filter(person=person).exclude(state=Phase.AFGESLOTEN).exists():
        raise ValidationError(_("Deze persoon heeft al een lopend begeleidingstraject."))
    policy = current_policy(person.municipality)
    settings = policy.settings
    trajectory = Trajectory.objects.create(
        person=person, policy=policy, state=Phase.KOPPELING, state_since=on, started_on=on,
        worker=worker, organisation_id=organisation_id,
        mb_start=on if settings.start_trigger == StartTrigger.KOPPELING else None,
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            trajectory=trajectory, key=spec.key, group=spec.group, label=spec.label, position=index,
            status=ChecklistStatus.OPEN if spec.default else ChecklistStatus.NOT_NEEDED,
        )
        for index, spec in enumerate(settings.checklist)
    )
    Transition.objects.create(trajectory=trajectory, from_state="", to_state=Phase.KOPPELING, on=on, actor=actor)
    _refresh_end(trajectory)
    mirror_phase(person, Phase.KOPPELING)
    _timeline(person, EventKind.STATUS, DataCategory.IDENTITY, "Begeleidingstraject gestart (koppeling)", actor,
              f"Beleid: {person.municipality} versie {policy.version}", trajectory=trajectory.pk)
    _audit(actor, person, [DataCategory.IDENTITY], purpose, request, Action.CREATE)
    return trajectory


def _refresh_end(trajectory: Trajectory) -> None:
    trajectory.planned_end = planned_end(trajectory)
    trajectory.save(update_fields=["planned_end"])


def transition_conditions(trajectory: Trajectory, target: str, reason: str) -> None:
    """Conditions beyond the table: closing early needs a reason; closing after afronding needs the
    handover (and the final interview where the policy asks for one)."""
    if target != Phase.AFGESLOTEN:
        return
    if trajectory.state != Phase.AFRONDING:
        if not reason.strip():
            raise TransitionRefused(_("Geef een reden op om het traject voortijdig af te sluiten."))
        return
    handover = Handover.objects.filter(trajectory=trajectory).first()
    if handover is None:
        raise TransitionRefused(_("Leg eerst de overdracht vast (eindgesprek en samenvatting) voordat je afsluit."))
    if trajectory.policy.settings.final_interview and handover.interview_on is None:
        raise TransitionRefused(_("Volgens het beleid hoort bij de afronding een eindgesprek; leg de datum vast."))
    if handover.recipient and not handover.consent:
        raise TransitionRefused(_("Leg vast of de persoon toestemming geeft voor de warme overdracht."))


@transaction.atomic
def transition(*, actor: User, trajectory: Trajectory, to_state: str, on: dt.date | None = None,
               reason: str = "", purpose: str, request=None) -> Transition:
    """Move the trajectory to ``to_state`` on ``on``; refused steps raise ``TransitionRefused``."""
    trajectory = Trajectory.objects.select_for_update().select_related("policy", "person").get(pk=trajectory.pk)
    on = on or clock.today()
    check_allowed(trajectory.state, to_state)
    if on > clock.today():
        raise TransitionRefused(_("Een faseovergang kan niet in de toekomst liggen."))
    if on < trajectory.state_since:
        raise TransitionRefused(
            _("De datum ligt vóór het begin van de huidige fase (%(date)s).")
            % {"date": trajectory.state_since.strftime("%d-%m-%Y")}
        )
    transition_conditions(trajectory, to_state, reason)
    previous = trajectory.state
    step = Transition.objects.create(
        trajectory=trajectory, from_state=previous, to_state=to_state, on=on, reason=reason, actor=actor
    )
    trajectory.state, trajectory.state_since = to_state, on
    fields = ["state", "state_since"]
    if to_state == Phase.REGELDAG and trajectory.mb_start is None:
        trajectory.mb_start = on
        fields.append("mb_start")
    if to_state == Phase.AFGESLOTEN:
        trajectory.closed_on = on
        fields.append("closed_on")
    trajectory.save(update_fields=fields)
    _refresh_end(trajectory)
    mirror_phase(trajectory.person, to_state)
    _timeline(
        trajectory.person, EventKind.STATUS, DataCategory.IDENTITY,
        f"MB-fase: {recorded(Phase(previous).label)} → {recorded(Phase(to_state).label)}", actor,
        f"Datum: {on:%d-%m-%Y}" + (f"\nReden: {reason}" if reason else ""),
        trajectory=trajectory.pk, to=to_state,
    )
    _audit(actor, trajectory.person, [DataCategory.IDENTITY], purpose, request, detail=f"Fase: {to_state}")
    return step


@transaction.atomic
def set_support_mode(*, actor: User, trajectory: Trajectory, mode: str, purpose: str, request=None) -> None:
    if trajectory.state != Phase.VERDERE_BEGELEIDING:
        raise ValidationError(_("De vorm van begeleiding verandert alleen in de fase verdere begeleiding."))
    if trajectory.support_mode == mode:
        return
    trajectory.support_mode, trajectory.support_mode_since = mode, clock.today()
    trajectory.save(update_fields=["support_mode", "support_mode_since"])
    _timeline(trajectory.person, EventKind.STATUS, DataCategory.IDENTITY,
              f"Vorm van begeleiding: {recorded(SupportMode(mode).label)}", actor, trajectory=trajectory.pk)
    _audit(actor, trajectory.person, [DataCategory.IDENTITY], purpose, request)


# ---------------------------------------------------------------- checklist


def checklist_progress(trajectory: Trajectory) -> tuple[int, int]:
    """(settled, relevant): items done out of the items that are needed."""
    items = list(trajectory.checklist.all())
    relevant = [i for i in items if i.status != ChecklistStatus.NOT_NEEDED]
    return sum(1 for i in relevant if i.status == ChecklistStatus.DONE), len(relevant)


@transaction.atomic
def set_checklist_status(*, actor: User, item: ChecklistItem, status: str, remark: str = "", purpose: str,
                         request=None) -> None:
    trajectory = item.trajectory
    if not trajectory.is_open:
        raise ValidationError(_("Het traject is afgesloten; de checklist verandert niet meer."))
    item.status, item.remark, item.changed_by, item.changed_on = status, remark, actor, clock.today()
    item.save(update_fields=["status", "remark", "changed_by", "changed_on"])
    _timeline(trajectory.person, EventKind.CHANGE, DataCategory.FINANCE,
              f"Checklist {item.group}: {item.label} — {recorded(ChecklistStatus(status).label).lower()}", actor,
              remark, trajectory=trajectory.pk, item=item.key)
    _audit(actor, trajectory.person, [DataCategory.FINANCE], purpose, request, detail=f"Checklist: {item.key}")


# ---------------------------------------------------------------- appointments, tasks, notes


def _require_open(trajectory: Trajectory) -> None:
    if not trajectory.is_open:
        raise ValidationError(_("Het traject is afgesloten."))


@transaction.atomic
def plan_appointment(*, actor: User, trajectory: Trajectory, starts_at: dt.datetime, subject: str,
                     location: str = "", interpreter_language: str = "", purpose: str, request=None) -> Appointment:
    _require_open(trajectory)
    if interpreter_language and interpreter_language not in LANGUAGES:
        raise ValidationError(_("Kies een taal uit de lijst voor de tolk."))
    appointment = Appointment.objects.create(
        trajectory=trajectory, starts_at=starts_at, subject=subject, location=location,
        interpreter_needed=bool(interpreter_language), interpreter_language=interpreter_language, created_by=actor,
    )
    body = f"{starts_at:%d-%m-%Y %H:%M}" + (f", tolk {LANGUAGES[interpreter_language]}" if interpreter_language else "")
    _timeline(trajectory.person, EventKind.APPOINTMENT, DataCategory.CONTACT, f"Afspraak gepland: {subject}",
              actor, body, trajectory=trajectory.pk, appointment=appointment.pk)
    _audit(actor, trajectory.person, [DataCategory.CONTACT], purpose, request, Action.CREATE)
    return appointment


@transaction.atomic
def record_attendance(*, actor: User, appointment: Appointment, status: str, purpose: str, request=None) -> None:
    if appointment.status != AppointmentStatus.PLANNED:
        raise ValidationError(_("Van deze afspraak is de uitkomst al vastgelegd."))
    if status != AppointmentStatus.CANCELLED and appointment.starts_at > clock.now():
        raise ValidationError(_("Een afspraak die nog moet komen kan alleen worden geannuleerd."))
    appointment.status = status
    appointment.save(update_fields=["status"])
    person = appointment.trajectory.person
    _timeline(person, EventKind.APPOINTMENT, DataCategory.CONTACT,
              f"Afspraak {appointment.subject}: {recorded(AppointmentStatus(status).label).lower()}", actor,
              f"{appointment.starts_at:%d-%m-%Y %H:%M}", appointment=appointment.pk)
    _audit(actor, person, [DataCategory.CONTACT], purpose, request)


@transaction.atomic
def add_task(*, actor: User, trajectory: Trajectory, title: str, owner: User, due: dt.date, purpose: str,
             request=None) -> Task:
    _require_open(trajectory)
    task = Task.objects.create(trajectory=trajectory, title=title, owner=owner, due=due)
    _timeline(trajectory.person, EventKind.NOTE, DataCategory.NOTES, f"Taak: {title}", actor,
              f"Voor {owner.get_full_name() or owner.username}, uiterlijk {due:%d-%m-%Y}", task=task.pk)
    _audit(actor, trajectory.person, [DataCategory.NOTES], purpose, request, Action.CREATE)
    return task


@transaction.atomic
def complete_task(*, actor: User, task: Task, purpose: str, request=None) -> None:
    if task.done_on:
        raise ValidationError(_("Deze taak is al afgerond."))
    task.done_on = clock.today()
    task.save(update_fields=["done_on"])
    _timeline(task.trajectory.person, EventKind.NOTE, DataCategory.NOTES, f"Taak afgerond: {task.title}", actor,
              task=task.pk)
    _audit(actor, task.trajectory.person, [DataCategory.NOTES], purpose, request)


@transaction.atomic
def add_note(*, actor: User, trajectory: Trajectory, category: str, text: str, allowed: Iterable[str],
             purpose: str, request=None) -> Note:
    """A note in ``category``, which must be one the author may see themselves."""
    if category not in set(allowed):
        raise ValidationError(_("Je mag geen notitie vastleggen in deze gegevenscategorie."))
    if not text.strip():
        raise ValidationError(_("Een notitie mag niet leeg zijn."))
    note = Note.objects.create(trajectory=trajectory, category=category, text=text, author=actor)
    _timeline(trajectory.person, EventKind.NOTE, DataCategory(category), "MB-notitie", actor, text, note=note.pk)
    _audit(actor, trajectory.person, [category], purpose, request, Action.CREATE)
    return note


# ---------------------------------------------------------------- support plan and measurements


def _require_plan(trajectory: Trajectory) -> PolicySettings:
    settings = trajectory.policy.settings
    if not settings.has_plan:
        raise ValidationError(_("Het beleid van deze gemeente kent geen begeleidingsplan."))
    if trajectory.state not in (Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING, Phase.AFRONDING):
        raise ValidationError(_("Het begeleidingsplan begint in de opstartfase."))
    return settings


@transaction.atomic
def add_goal(*, actor: User, trajectory: Trajectory, domain: str, goal: str, actions: str, responsible: str,
             purpose: str, request=None) -> PlanGoal:
    settings = _require_plan(trajectory)
    labels = {d.key: d.label for d in settings.domains}
    if domain not in labels:
        raise ValidationError(_("Kies een leefgebied uit het beleid van dit traject."))
    created = PlanGoal.objects.create(trajectory=trajectory, domain=domain, goal=goal, actions=actions,
                                      responsible=responsible)
    _timeline(trajectory.person, EventKind.NOTE, DataCategory.NOTES, f"Doel in het plan ({labels[domain]})", actor,
              goal, goal=created.pk)
    _audit(actor, trajectory.person, [DataCategory.NOTES], purpose, request, Action.CREATE)
    return created


@transaction.atomic
def record_measurement(*, actor: User, trajectory: Trajectory, month: int, scores: Mapping[str, int],
                       measured_on: dt.date | None = None, remark: str = "", purpose: str,
                       request=None) -> Measurement:
    """The self-reliance scores at one of the policy's measurement moments, one 1–5 score per domain."""
    settings = _require_plan(trajectory)
    measured_on = measured_on or clock.today()
    if month not in settings.measurement_months:
        raise ValidationError(_("Dit is geen meetmoment van het beleid van dit traject."))
    if trajectory.measurements.filter(month=month).exists():
        raise ValidationError(_("Voor dit meetmoment zijn de scores al vastgelegd."))
    if measured_on > clock.today():
        raise ValidationError(_("Een meting kan niet in de toekomst liggen."))
    expected = {d.key for d in settings.domains}
    if set(scores) != expected or any(score not in SCORES for score in scores.values()):
        raise ValidationError(_("Geef voor elk leefgebied een score van 1 tot en met 5."))
    measurement = Measurement.objects.create(
        trajectory=trajectory, month=month, measured_on=measured_on, scores=dict(scores), remark=remark, actor=actor
    )
    average = sum(scores.values()) / len(scores)
    _timeline(trajectory.person, EventKind.NOTE, DataCategory.NOTES, f"Meetmoment {month} maanden vastgelegd",
              actor, f"Gemiddelde zelfredzaamheid {average:.1f}".replace(".", ","), measurement=measurement.pk)
    _audit(actor, trajectory.person, [DataCategory.NOTES], purpose, request, Action.CREATE)
    return measurement


# ---------------------------------------------------------------- extension


@transaction.atomic
def request_extension(*, actor: User, trajectory: Trajectory, reason: str, purpose: str, request=None) -> Extension:
    settings = trajectory.policy.settings
    if trajectory.state not in (Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING, Phase.AFRONDING):
        raise ValidationError(_("Verlengen kan pas als de begeleiding loopt."))
    if not settings.extension_months:
        raise ValidationError(_("Het beleid van dit traject kent geen verlenging."))
    if trajectory.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
        raise ValidationError(_("Er wacht al een verzoek om verlenging op een besluit."))
    if trajectory.extensions.filter(status=ExtensionStatus.APPROVED).count() >= settings.max_extensions:
        raise ValidationError(_("Het maximum aantal verlengingen volgens het beleid is bereikt."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden voor de verlenging."))
    extension = Extension.objects.create(trajectory=trajectory, months=settings.extension_months, reason=reason,
                                         requested_by=actor, requested_on=clock.today())
    _timeline(trajectory.person, EventKind.STATUS, DataCategory.NOTES,
              f"Verlenging van {extension.months} maanden aangevraagd", actor, reason, extension=extension.pk)
    _audit(actor, trajectory.person, [DataCategory.NOTES], purpose, request, Action.CREATE)
    return extension


@transaction.atomic
def decide_extension(*, actor: User, extension: Extension, approve: bool, note: str = "", purpose: str,
                     request=None) -> None:
    if extension.status != ExtensionStatus.REQUESTED:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    if extension.requested_by_id == actor.pk:
        raise ValidationError(_("Wie de verlenging aanvraagt, kan er niet zelf over besluiten."))
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_on, extension.decision_note = actor, clock.today(), note
    extension.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
    trajectory = extension.trajectory
    _refresh_end(trajectory)
    word = "goedgekeurd" if approve else "afgewezen"
    body = f"Nieuwe einddatum: {trajectory.planned_end:%d-%m-%Y}" if approve and trajectory.planned_end else note
    _timeline(trajectory.person, EventKind.STATUS, DataCategory.NOTES, f"Verlenging {word}", actor, body,
              extension=extension.pk)
    _audit(actor, trajectory.person, [DataCategory.NOTES], purpose, request)


# ---------------------------------------------------------------- afronding and call list


@transaction.atomic
def record_handover(*, actor: User, trajectory: Trajectory, summary: str, interview_on: dt.date | None,
                    recipient: str = "", consent: str = "", purpose: str, request=None) -> Handover:
    """The final interview, the written handover and the warm handover (with the person's consent)."""
    if trajectory.state != Phase.AFRONDING:
        raise ValidationError(_("De overdracht hoort bij de fase afronding."))
    if interview_on and interview_on > clock.today():
        raise ValidationError(_("Het eindgesprek kan niet in de toekomst liggen."))
    if recipient and consent not in Consent.values:
        raise ValidationError(_("Leg vast of de persoon toestemming geeft voor de warme overdracht."))
    if consent and not recipient:
        raise ValidationError(_("Noem de partij in het sociaal domein die de warme overdracht ontvangt."))
    if not summary.strip():
        raise ValidationError(_("Schrijf een samenvatting voor de consulent."))
    handover, _created = Handover.objects.update_or_create(
        trajectory=trajectory,
        defaults={
            "summary": summary, "interview_on": interview_on, "recipient": recipient, "consent": consent,
            "consent_on": clock.today() if consent else None, "recorded_by": actor, "recorded_at": clock.now(),
        },
    )
    body = f"Eindgesprek: {interview_on:%d-%m-%Y}" if interview_on else "Geen eindgesprek"
    if recipient:
        body += f"\nWarme overdracht aan {recipient}: {recorded(Consent(consent).label).lower()}"
    _timeline(trajectory.person, EventKind.NOTE, DataCategory.NOTES, "Overdracht vastgelegd", actor, body,
              handover=handover.pk)
    _audit(actor, trajectory.person, [DataCategory.NOTES], purpose, request)
    return handover


def next_call_due(trajectory: Trajectory, last_call: dt.date | None) -> dt.date | None:
    """When someone on demand is to be called next (``None``: not on the call list)."""
    interval = trajectory.policy.settings.call_interval_months
    if not interval or trajectory.state != Phase.VERDERE_BEGELEIDING or trajectory.support_mode != SupportMode.ON_DEMAND:
        return None
    return add_months(last_call or trajectory.support_mode_since or trajectory.state_since, interval)


@transaction.atomic
def record_call(*, actor: User, trajectory: Trajectory, outcome: str, remark: str = "", purpose: str,
                request=None) -> CallRecord:
    if next_call_due(trajectory, None) is None:
        raise ValidationError(_("Deze persoon staat niet op de bellijst."))
    call = CallRecord.objects.create(trajectory=trajectory, called_on=clock.today(), outcome=outcome,
                                     remark=remark, caller=actor)
    _timeline(trajectory.person, EventKind.NOTE, DataCategory.CONTACT,
              f"Bellijst: {recorded(CallOutcome(outcome).label).lower()}", actor, remark, call=call.pk)
    _audit(actor, trajectory.person, [DataCategory.CONTACT], purpose, request, Action.CREATE)
    return call
