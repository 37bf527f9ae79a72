"""The caseload list can show each person's start-up progress, for a whole page in one query."""

from django.template import Context, Template
from django.utils import translation

from koers.begeleiding import services
from koers.begeleiding.constants import ChecklistStatus
from koers.begeleiding.progress import Progress, progress_for
from koers.begeleiding.templatetags.begeleiding import progress_cells
from koers.people.constants import Phase

from .factories import PURPOSE, start, trajectory_in


def test_progress_counts_done_items_of_the_needed_ones_in_one_query(tenants, django_assert_num_queries):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.filter(status=ChecklistStatus.OPEN).first()
    services.set_checklist_status(actor=tenants.a.mb_worker, item=item, status=ChecklistStatus.DONE, purpose=PURPOSE)
    needed = trajectory.checklist.exclude(status=ChecklistStatus.NOT_NEEDED).count()
    closed = trajectory_in(Phase.AFGESLOTEN, tenants.a.other_person, tenants.a.mb_worker)
    with django_assert_num_queries(1):
        progress = progress_for([tenants.a.person.pk, closed.person_id])
    assert progress == {tenants.a.person.pk: Progress(1, needed)}


def test_the_template_tag_and_the_cell_writer_give_a_meter_or_a_dash_per_person(tenants):
    start(tenants.a.person, tenants.a.mb_worker)
    persons = [tenants.a.person, tenants.a.other_person]
    context = Context({"persons": persons})
    Template("{% load begeleiding %}{% mb_progress persons as progress %}").render(context)
    cell = progress_cells(context["progress"])
    assert "0 van " in cell(tenants.a.person.pk) and "<meter" in cell(tenants.a.person.pk)
    assert cell(tenants.a.other_person.pk) == '<span class="muted">—</span>'


def test_a_cell_is_written_in_the_active_language(tenants):
    start(tenants.a.person, tenants.a.mb_worker)
    with translation.override("en"):
        cell = progress_cells(progress_for([tenants.a.person.pk]))(tenants.a.person.pk)
    assert "0 of " in cell and "Start-up checklist" in cell


def test_the_caseload_list_shows_the_progress_of_each_person_with_a_trajectory(tenants, client_as):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.filter(status=ChecklistStatus.OPEN).first()
    services.set_checklist_status(actor=tenants.a.mb_worker, item=item, status=ChecklistStatus.DONE, purpose=PURPOSE)
    needed = trajectory.checklist.exclude(status=ChecklistStatus.NOT_NEEDED).count()
    page = client_as(tenants.a.consultant).get("/personen/").content.decode()
    row = page[page.index(tenants.a.person.full_name):]
    assert f"1 van {needed}" in row[: row.index("</tr>")]
