"""The start-up checklist is generated from the pinned policy; each change records who and when, lands on
the timeline and moves the progress."""

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.begeleiding import services
from koers.begeleiding.constants import ChecklistStatus
from koers.begeleiding.presets import preset
from koers.lib import clock
from koers.people.constants import Phase
from koers.people.models import TimelineEvent
from tests.factories import PersonFactory

from .factories import PURPOSE, start, trajectory_in, use_preset


def test_the_checklist_follows_the_policy_with_optional_items_marked_not_needed(tenants):
    use_preset(tenants.a.municipality, "roermond")
    trajectory = start(PersonFactory(municipality=tenants.a.municipality), tenants.a.mb_worker)
    items = list(trajectory.checklist.all())
    assert [(i.group, i.label) for i in items] == [(s.group, s.label) for s in preset("roermond").settings.checklist]
    food_bank = next(i for i in items if i.label == "Voedselbank (zo nodig)")
    assert food_bank.status == ChecklistStatus.NOT_NEEDED
    assert {i.group for i in items} == {"HV", "FIN", "INS", "VL"}


def test_changing_an_item_records_who_and_when_and_lands_on_the_timeline(tenants):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.get(key="bankrekening-openen")
    done, total = services.checklist_progress(trajectory)
    services.set_checklist_status(actor=tenants.a.mb_worker, item=item, status=ChecklistStatus.DONE,
                                  remark="ING, pas volgt", purpose=PURPOSE)
    item.refresh_from_db()
    assert (item.status, item.changed_by, item.changed_on) == (ChecklistStatus.DONE, tenants.a.mb_worker, clock.today())
    assert services.checklist_progress(trajectory) == (done + 1, total)
    event = TimelineEvent.objects.filter(person=tenants.a.person, title__startswith="Checklist FIN").get()
    assert event.category == DataCategory.FINANCE


def test_switching_an_item_to_not_needed_takes_it_out_of_the_count(tenants):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    _, total = services.checklist_progress(trajectory)
    item = trajectory.checklist.get(key="school-voor-de-kinderen")
    services.set_checklist_status(actor=tenants.a.mb_worker, item=item, status=ChecklistStatus.NOT_NEEDED,
                                  purpose=PURPOSE)
    assert services.checklist_progress(trajectory) == (0, total - 1)


def test_a_closed_trajectory_keeps_its_checklist(tenants):
    trajectory = trajectory_in(Phase.AFGESLOTEN, tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.first()
    with pytest.raises(ValidationError):
        services.set_checklist_status(actor=tenants.a.mb_worker, item=item, status=ChecklistStatus.DONE,
                                      purpose=PURPOSE)
    item.refresh_from_db()
    assert item.status == ChecklistStatus.OPEN


def test_a_bad_status_posted_on_the_screen_changes_nothing(tenants, client_as):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.first()
    response = client_as(tenants.a.mb_worker).post(
        f"/personen/{tenants.a.person.pk}/begeleiding/checklist/{item.pk}/", {f"item{item.pk}-status": "klaar"},
        follow=True,
    )
    assert "Kies een geldige status" in response.content.decode()
    item.refresh_from_db()
    assert item.status == ChecklistStatus.OPEN


def test_a_worker_of_b_cannot_tick_an_item_of_a(tenants, client_as):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.first()
    response = client_as(tenants.b.mb_worker).post(
        f"/personen/{tenants.a.person.pk}/begeleiding/checklist/{item.pk}/", {f"item{item.pk}-status": "gedaan"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ChecklistStatus.OPEN
