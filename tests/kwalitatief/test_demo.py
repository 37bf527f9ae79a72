from koers.kwalitatief.demo import ROUND_NAME, add_demo_kwalitatief
from koers.kwalitatief.models import FollowUpAction, InterviewRound
from koers.kwalitatief.report import thematic_report
from koers.people.constants import TargetGroup
from tests.factories import PersonFactory


def test_the_demo_round_has_held_interviews_coded_themes_and_a_follow_up_once(tenants):
    for _ in range(8):
        PersonFactory(municipality=tenants.a.municipality, consultant=tenants.a.consultant,
                      target_group=TargetGroup.ASIEL)
    add_demo_kwalitatief(tenants.a.municipality, tenants.a.consultant, tenants.a.consultant)
    add_demo_kwalitatief(tenants.a.municipality, tenants.a.consultant, tenants.a.consultant)
    demo_round = InterviewRound.objects.get(name=ROUND_NAME)
    report = thematic_report(demo_round)
    assert demo_round.interviews.filter(status="gehouden", topic_list__audience="aanbieders").count() == 2
    assert report.interviews_held == {"inburgeraars": 6, "aanbieders": None}  # two: too few to show
    assert {line.label for line in report.themes} >= {"Kinderopvang", "Vervoer en reiskosten"}
    assert FollowUpAction.objects.count() == 1
