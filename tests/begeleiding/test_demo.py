"""The demo gets trajectories in the phases its dossiers are in, built through the real steps."""

import datetime as dt

from koers.begeleiding.demo import add_demo_begeleiding
from koers.begeleiding.models import Trajectory, Volunteer, VolunteerMatch, VolunteerReport
from koers.people.constants import Phase
from tests.factories import PersonFactory


def test_the_demo_builds_a_trajectory_per_phase_and_never_twice(tenants):
    phases = [Phase.KOPPELING, Phase.REGELDAG, Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING, Phase.AFRONDING,
              Phase.AFGESLOTEN]
    persons = [PersonFactory(municipality=tenants.a.municipality, phase=phase, koppeling_date=dt.date(2025, 1, 6))
               for phase in phases]
    made = add_demo_begeleiding(persons, worker=tenants.a.mb_worker, consultant=tenants.a.consultant)
    assert made == len(phases)
    for person, phase in zip(persons, phases, strict=True):
        trajectory = Trajectory.objects.get(person=person)
        person.refresh_from_db()
        assert trajectory.state == phase == person.phase
    plan = Trajectory.objects.get(person=persons[3])
    assert plan.measurements.count() >= 2
    assert plan.checklist.filter(status="gedaan").exists()
    assert add_demo_begeleiding(persons, worker=tenants.a.mb_worker, consultant=tenants.a.consultant) == 0


def test_the_demo_has_a_volunteer_pool_with_matches_and_a_concern(tenants):
    persons = [PersonFactory(municipality=tenants.a.municipality, phase=Phase.OPSTARTFASE,
                             koppeling_date=dt.date(2025, 1, 6)) for _ in range(3)]
    add_demo_begeleiding(persons, worker=tenants.a.mb_worker, consultant=tenants.a.consultant)
    assert Volunteer.objects.filter(organisation=tenants.a.mb_organisation).count() == 3
    assert VolunteerMatch.objects.count() == 3
    assert VolunteerReport.objects.filter(concern=True).count() == 1
