"""In the demo a handful of persons have a work goal, participation hours and a barrier, recorded
through the participation services, so the tab "Participatie en werk" shows something."""

from __future__ import annotations

import pytest
from django.urls import reverse

from koers.inburgering.constants import BelemmeringStatus, ParticipatieSoort
from koers.inburgering.demo import PARTICIPANTS
from koers.inburgering.models import Belemmering, Participatie, Werkdoel
from koers.people.models import Person, TimelineEvent
from koers.synthetic.demo import set_up_demo
from tests.once import made_once

pytestmark = pytest.mark.django_db


demo = made_once("demo", lambda: set_up_demo(80))


def test_a_handful_of_demo_persons_have_work_goals_participation_hours_and_barriers(demo):

    participants = Person.objects.filter(werkdoelen__isnull=False).distinct()
    assert participants.count() == PARTICIPANTS
    for person in participants:
        assert person.participaties.count() >= 3 and person.belemmeringen.count() == 1
    assert Participatie.objects.filter(soort=ParticipatieSoort.INFORMEEL).exists()
    assert {BelemmeringStatus.OPEN, BelemmeringStatus.OPGELOST} <= set(
        Belemmering.objects.values_list("status", flat=True)
    )
    assert TimelineEvent.objects.filter(title__startswith="Participatie vastgelegd").count() == (
        Participatie.objects.count()
    )


def test_the_consultant_finds_the_work_goal_on_the_participation_tab(demo, client_as):
    goal = Werkdoel.objects.select_related("person__consultant").first()

    response = client_as(goal.person.consultant).get(reverse("inburgering:participatie", args=[goal.person.pk]))

    assert response.status_code == 200
    assert goal.wanted_job in response.content.decode()
    assert goal.recorded_by == goal.person.consultant
