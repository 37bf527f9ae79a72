"""The caseload list can show each person's start-up progress, for a whole page in one query."""

from django.template import Context, Template

from koers.begeleiding import services
from koers.begeleiding.constants import ChecklistStatus
from koers.begeleiding.progress import Progress, progress_for
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


def test_the_template_tags_render_a_cell_per_person(tenants):
    start(tenants.a.person, tenants.a.mb_worker)
    html = Template(
        "{% load begeleiding %}{% mb_progress persons as progress %}"
        "{% for p in persons %}[{% mb_progress_cell progress p.pk %}]{% endfor %}"
    ).render(Context({"persons": [tenants.a.person, tenants.a.other_person]}))
    assert "0 van " in html
    assert "—" in html


def test_the_caseload_list_shows_the_progress_of_each_person_with_a_trajectory(tenants, client_as):
    trajectory = start(tenants.a.person, tenants.a.mb_worker)
    item = trajectory.checklist.filter(status=ChecklistStatus.OPEN).first()
    services.set_checklist_status(actor=tenants.a.mb_worker, item=item, status=ChecklistStatus.DONE, purpose=PURPOSE)
    needed = trajectory.checklist.exclude(status=ChecklistStatus.NOT_NEEDED).count()
    page = client_as(tenants.a.consultant).get("/personen/").content.decode()
    row = page[page.index(tenants.a.person.full_name):]
    assert f"1 van {needed}" in row[: row.index("</tr>")]
