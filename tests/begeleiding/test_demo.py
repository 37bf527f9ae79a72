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


def test_the_demo_has_a_social_map_referrals_a_case_meeting_and_group_sessions(tenants):
    from koers.begeleiding.models import CaseMeetingItem, GroupSession, Invitation, Referral, SocialMapEntry

    persons = [PersonFactory(municipality=tenants.a.municipality, phase=Phase.OPSTARTFASE,
                             koppeling_date=dt.date(2025, 1, 6)) for _ in range(4)]
    add_demo_begeleiding(persons, worker=tenants.a.mb_worker, consultant=tenants.a.consultant)
    assert SocialMapEntry.objects.filter(municipality=tenants.a.municipality).count() == 5
    assert Referral.objects.filter(follow_up_on__lt=dt.date(2026, 11, 25)).count() == 1
    assert CaseMeetingItem.objects.exclude(outcome="").count() == 1
    held, coming = GroupSession.objects.order_by("starts_at")
    came = Invitation.objects.get(session=held, attended=True)
    covered = Trajectory.objects.get(person=came.person).checklist.filter(key__in=held.covers)
    assert {item.status for item in covered} == {"gedaan"}
    assert Invitation.objects.filter(session=held, attended=False).count() == 1
    assert Invitation.objects.filter(session=coming).count() == 2
