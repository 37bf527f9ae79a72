"""The "Maatje" screens: suggestions with reasons, matching, the volunteer's report, tenancy and roles."""

from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding import volunteers
from koers.begeleiding.models import VolunteerMatch, VolunteerReport

from .factories import PURPOSE, volunteer_in


def url(person, tail=""):
    return f"/personen/{person.pk}/begeleiding/maatje/{tail}"


def test_the_mb_worker_sees_the_suggestion_with_its_reasons_and_matches(tenants, client_as):
    tenant = tenants.a
    volunteer = volunteer_in(tenant.mb_organisation)
    client = client_as(tenant.mb_worker)
    page = client.get(url(tenant.person))
    assert page.status_code == 200
    assert "Spreekt dezelfde taal: Arabisch" in page.content.decode()
    response = client.post(url(tenant.person, "koppelen/"), {"volunteer": volunteer.pk})
    assert response.status_code == 302
    assert VolunteerMatch.objects.get().volunteer == volunteer


def test_the_volunteer_writes_a_report_with_a_concern_and_the_worker_sees_it(tenants, client_as):
    tenant = tenants.a
    volunteer = volunteer_in(tenant.mb_organisation)
    volunteers.match(actor=tenant.mb_worker, volunteer=volunteer, household=tenant.person.household,
                     purpose=PURPOSE)
    mine = client_as(volunteer.user)
    assert tenant.person.full_name in mine.get("/begeleiding/vrijwilligers/mijn-maatjes/").content.decode()
    response = mine.post(url(tenant.person, "verslag/"),
                         {"text": "Samen naar de huisarts.", "concern": "on", "concern_text": "Post stapelt zich op."})
    assert response.status_code == 302
    assert "Post stapelt zich op." not in mine.get(url(tenant.person)).content.decode()
    assert "Post stapelt zich op." in client_as(tenant.mb_worker).get(url(tenant.person)).content.decode()


def test_a_report_without_text_is_refused_and_nothing_is_stored(tenants, client_as):
    tenant = tenants.a
    volunteer = volunteer_in(tenant.mb_organisation)
    volunteers.match(actor=tenant.mb_worker, volunteer=volunteer, household=tenant.person.household,
                     purpose=PURPOSE)
    response = client_as(volunteer.user).post(url(tenant.person, "verslag/"), {"text": "", "concern": "on"})
    assert response.status_code == 400
    assert not VolunteerReport.objects.exists()


def test_a_volunteer_cannot_match_or_report_without_a_match(tenants, client_as):
    tenant = tenants.a
    other = volunteer_in(tenant.mb_organisation)
    client = client_as(tenant.volunteer)
    assert client.post(url(tenant.person, "koppelen/"), {"volunteer": other.pk}).status_code == 403
    assert client.get(url(tenant.person, "verslag/")).status_code == 403
    assert client.get("/begeleiding/vrijwilligers/").status_code == 403


def test_a_worker_of_another_municipality_gets_a_404_and_the_attempt_is_logged(tenants, client_as):
    response = client_as(tenants.b.mb_worker).post(url(tenants.a.person, "koppelen/"), {"volunteer": 1})
    assert response.status_code == 404
    assert client_as(tenants.b.mb_worker).get(url(tenants.a.person)).status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.mb_worker.pk, outcome=Outcome.REFUSED).count() == 2
    assert not VolunteerMatch.objects.exists()


def test_the_pool_lists_only_the_own_organisations_volunteers(tenants, client_as):
    mine = volunteer_in(tenants.a.mb_organisation)
    theirs = volunteer_in(tenants.b.mb_organisation)
    page = client_as(tenants.a.mb_worker).get("/begeleiding/vrijwilligers/").content.decode()
    assert str(mine) in page and str(theirs) not in page
