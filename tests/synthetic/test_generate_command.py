"""``koers generate`` writes complete, valid dossiers in bulk (COPY on PostgreSQL, executemany on
SQLite: the suite runs on both), for municipalities with their own team, partners and consultants."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from koers.access.constants import OrganisationKind, Role
from koers.access.models import Membership, Municipality, Organisation
from koers.begeleiding.models import ChecklistItem, Trajectory, Transition
from koers.begeleiding.progress import progress_for
from koers.begeleiding.services import open_trajectory, planned_end
from koers.lib import clock
from koers.lib.text import search_key
from koers.monitoring.figures import registry, rows_of
from koers.monitoring.selection import Selection
from koers.ontzorgen.models import Arrangement
from koers.people.constants import Phase, TargetGroup
from koers.people.models import Assignment, Household, HouseholdMember, Person, TimelineEvent

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate", stdout=out, **options)
    return out.getvalue()


def test_it_writes_the_persons_and_reports_the_rate():
    output = generate(municipalities=3, persons=400, seed=5, chunk_size=150)
    assert Person.objects.count() == 400
    assert Municipality.objects.count() == 3
    assert "personen/s" in output.splitlines()[-1]


def test_each_municipality_gets_a_team_serving_itself_an_mb_organisation_and_a_language_provider():
    generate(municipalities=4, persons=50, seed=5)
    for municipality in Municipality.objects.all():
        kinds = {o.kind: o for o in Organisation.objects.filter(municipality=municipality)}
        assert set(kinds) == {
            OrganisationKind.MUNICIPAL_TEAM,
            OrganisationKind.MB_ORGANISATION,
            OrganisationKind.LANGUAGE_PROVIDER,
        }
        for organisation in kinds.values():
            assert list(organisation.serves.all()) == [municipality]


def test_the_largest_municipalities_come_first_with_their_real_cbs_codes():
    generate(municipalities=3, persons=30, seed=5)
    assert set(Municipality.objects.values_list("cbs_code", "name")) == {
        ("0363", "Amsterdam"),
        ("0599", "Rotterdam"),
        ("0518", "'s-Gravenhage"),
    }


def test_caseloads_stay_between_fifty_and_a_hundred():
    generate(municipalities=2, persons=1500, seed=5)
    loads = list(
        Person.objects.exclude(consultant=None)
        .values("consultant")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert loads and 50 <= sum(loads) / len(loads) <= 100
    consultants = Membership.objects.filter(role=Role.CONSULTANT).values("user")
    assert not Person.objects.exclude(consultant=None).exclude(consultant__in=consultants).exists()


def test_what_it_wrote_reads_back_through_the_orm_and_passes_model_validation():
    generate(municipalities=2, persons=120, seed=11)
    rng = random.Random(0)
    for model in (Person, HouseholdMember, Assignment, TimelineEvent, Household):
        objects = list(model.objects.all())
        assert objects
        for obj in rng.sample(objects, min(25, len(objects))):
            obj.full_clean(validate_unique=False)
    for person in Person.objects.all():
        assert person.search_name == search_key(
            person.given_names, person.family_name_prefix, person.family_name
        )
        assert person.created_at <= person.updated_at <= clock.now()
        assert person.koppeling_date <= clock.today()
        assert person.brp_registration_date is None or person.koppeling_date <= person.brp_registration_date
        assert isinstance(person.languages, list)
        assert person.household is not None
    assert TimelineEvent.objects.filter(occurred_at__gt=clock.now()).count() == 0


def test_asylum_migrants_get_trajectories_checklists_and_ontzorgen_the_services_can_work_with():
    generate(municipalities=2, persons=300, seed=11)
    rng = random.Random(0)
    for model in (Trajectory, Transition, ChecklistItem, Arrangement):
        objects = list(model.objects.all())
        assert objects, model
        for obj in rng.sample(objects, min(25, len(objects))):
            obj.full_clean(validate_unique=False)
    asylum = Person.objects.filter(target_group=TargetGroup.ASIEL)
    assert set(Trajectory.objects.values_list("person", flat=True)) == set(asylum.values_list("pk", flat=True))
    for person in asylum.exclude(phase=Phase.AFGESLOTEN):
        trajectory = open_trajectory(person)
        assert trajectory.state == person.phase
        assert trajectory.planned_end == planned_end(trajectory)
    running = list(asylum.filter(phase=Phase.OPSTARTFASE).values_list("pk", flat=True))
    assert running and all(progress.total for progress in progress_for(running).values())


def test_the_mb_and_ontzorgen_figures_count_what_it_wrote():
    generate(municipalities=2, persons=300, seed=11)
    today = clock.today()
    selection = Selection(
        frozenset(Municipality.objects.values_list("pk", flat=True)), today.replace(year=today.year - 4), today, today
    )
    for key in ("mb_duur_per_fase", "ontzorgen_duur", "dagen_brp_tot_regeldag"):
        assert rows_of(registry[key], selection), key


def test_the_orm_can_add_rows_after_it(tenants):
    generate(municipalities=1, persons=20, seed=5)
    person = Person.objects.order_by("-id").first()
    event = TimelineEvent.objects.create(person=person, kind="notitie", title="Na de bulk")
    household = Household.objects.create(municipality=person.municipality, name="Huishouden Nieuw")
    assert event.pk > TimelineEvent.objects.exclude(pk=event.pk).order_by("-pk").first().pk
    assert household.pk > 0


@pytest.mark.parametrize("prefix", ["123", "1234567890"])
def test_it_refuses_a_bsn_prefix_that_is_not_eight_digits(prefix):
    with pytest.raises(CommandError, match="acht cijfers"):
        generate(municipalities=1, persons=1, start_bsn_prefix=int(prefix))
    assert Person.objects.count() == 0
