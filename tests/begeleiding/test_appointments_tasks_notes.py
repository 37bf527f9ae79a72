"""Appointments (with interpreter), tasks with an owner and a due date, and notes in a data category —
each on the timeline in the category that decides who sees it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from koers.access.constants import DataCategory
from koers.begeleiding import services
from koers.begeleiding.constants import AppointmentStatus
from koers.people.constants import EventKind, Phase
from koers.people.models import TimelineEvent

from .factories import PURPOSE, trajectory_in


@pytest.fixture
def trajectory(tenants):
    return trajectory_in(Phase.OPSTARTFASE, tenants.a.person, tenants.a.mb_worker)


def moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_an_appointment_with_an_interpreter_lands_on_the_timeline_as_contact(tenants, trajectory):
    services.plan_appointment(actor=tenants.a.mb_worker, trajectory=trajectory, starts_at=moment(dt.date(2026, 12, 1)),
                              subject="Huisbezoek", interpreter_language="ti", purpose=PURPOSE)
    event = TimelineEvent.objects.get(person=tenants.a.person, kind=EventKind.APPOINTMENT)
    assert event.category == DataCategory.CONTACT
    assert "tolk Tigrinya" in event.body


def test_an_unknown_interpreter_language_is_refused(tenants, trajectory):
    with pytest.raises(ValidationError, match="taal"):
        services.plan_appointment(actor=tenants.a.mb_worker, trajectory=trajectory,
                                  starts_at=moment(dt.date(2026, 12, 1)), subject="x", interpreter_language="xx",
                                  purpose=PURPOSE)


def test_a_no_show_is_recorded_once_and_only_after_the_moment(tenants, trajectory):
    future = services.plan_appointment(actor=tenants.a.mb_worker, trajectory=trajectory,
                                       starts_at=moment(dt.date(2026, 12, 1)), subject="Later", purpose=PURPOSE)
    with pytest.raises(ValidationError, match="geannuleerd"):
        services.record_attendance(actor=tenants.a.mb_worker, appointment=future, status=AppointmentStatus.NO_SHOW,
                                   purpose=PURPOSE)
    past = services.plan_appointment(actor=tenants.a.mb_worker, trajectory=trajectory,
                                     starts_at=moment(dt.date(2026, 11, 20)), subject="Eerder", purpose=PURPOSE)
    services.record_attendance(actor=tenants.a.mb_worker, appointment=past, status=AppointmentStatus.NO_SHOW,
                               purpose=PURPOSE)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.record_attendance(actor=tenants.a.mb_worker, appointment=past, status=AppointmentStatus.ATTENDED,
                                   purpose=PURPOSE)


def test_a_task_is_done_once(tenants, trajectory):
    task = services.add_task(actor=tenants.a.mb_worker, trajectory=trajectory, title="Bel de school",
                             owner=tenants.a.volunteer, due=dt.date(2026, 12, 1), purpose=PURPOSE)
    services.complete_task(actor=tenants.a.mb_worker, task=task, purpose=PURPOSE)
    with pytest.raises(ValidationError):
        services.complete_task(actor=tenants.a.mb_worker, task=task, purpose=PURPOSE)


def test_a_note_takes_only_a_category_its_author_may_see(tenants, trajectory):
    with pytest.raises(ValidationError, match="categorie"):
        services.add_note(actor=tenants.a.volunteer, trajectory=trajectory, category=DataCategory.HEALTH,
                          text="x", allowed={DataCategory.IDENTITY, DataCategory.CONTACT}, purpose=PURPOSE)
    note = services.add_note(actor=tenants.a.mb_worker, trajectory=trajectory, category=DataCategory.HEALTH,
                             text="Naar de huisarts", allowed=DataCategory.values, purpose=PURPOSE)
    assert TimelineEvent.objects.get(data__note=note.pk).category == DataCategory.HEALTH


def test_the_screens_plan_an_appointment_and_refuse_bad_input_in_dutch(tenants, client_as, trajectory):
    client = client_as(tenants.a.mb_worker)
    url = f"/personen/{tenants.a.person.pk}/begeleiding/afspraken/nieuw/"
    bad = client.post(url, {"day": "2026-02-30", "time": "10:00", "subject": "Huisbezoek"})
    assert bad.status_code == 400
    assert "Voer een geldige datum in." in bad.content.decode()
    assert not trajectory.appointments.exists()
    good = client.post(url, {"day": "2026-12-01", "time": "10:00", "subject": "Huisbezoek", "interpreter_language": "ar"})
    assert good.status_code == 302
    assert trajectory.appointments.get().interpreter_language == "ar"
