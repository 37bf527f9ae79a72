"""The dossier tab "Verwijzingen" and the list of open referrals: a worker refers with recorded consent
(without it: a clear Dutch refusal, nothing stored), follows up and closes; overdue follow-ups stand
out; municipality b never reaches a's referrals (404, logged); other roles are refused."""

import datetime as dt

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding import referrals
from koers.begeleiding.constants import ReferralStatus
from koers.begeleiding.models import Referral
from koers.lib import clock

from .factories import PURPOSE, social_map_entry

LIST = "/begeleiding/verwijzingen/"


def tab(person) -> str:
    return f"/personen/{person.pk}/begeleiding/verwijzingen/"


def form_data(entry, **changes):
    return {"organisation": entry.pk, "reason": "Betalingsachterstand huur", "consent_given_by": "Zelf",
            "consent_on": "2026-11-25", "consent_for": "Naam en adres delen met de schuldhulp",
            "follow_up_on": "2026-12-09"} | changes


def referred(tenant, follow_up_on=dt.date(2026, 12, 9)):
    return referrals.refer(actor=tenant.mb_worker, person=tenant.person, organisation=social_map_entry(
        tenant.municipality), reason="Huurschuld", consent_given_by="Zelf", consent_on=clock.today(),
        consent_for="Gegevens delen", follow_up_on=follow_up_on, purpose=PURPOSE)


def test_the_worker_refers_with_consent(tenants, client_as):
    entry = social_map_entry(tenants.a.municipality)
    response = client_as(tenants.a.mb_worker).post(tab(tenants.a.person) + "nieuw/", form_data(entry))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.organisation, referral.consent_given_by, referral.follow_up_on) == (
        entry, "Zelf", dt.date(2026, 12, 9))
    assert "Schuldhulp Aadorp" in client_as(tenants.a.mb_worker).get(tab(tenants.a.person)).content.decode()


@pytest.mark.parametrize("missing", ["consent_given_by", "consent_on", "consent_for"])
def test_a_referral_without_consent_is_refused_with_a_clear_message(tenants, client_as, missing):
    entry = social_map_entry(tenants.a.municipality)
    response = client_as(tenants.a.mb_worker).post(tab(tenants.a.person) + "nieuw/", form_data(entry, **{missing: ""}))
    assert response.status_code == 400
    assert "Een verwijzing kan alleen met toestemming" in response.content.decode()
    assert not Referral.objects.exists()


def test_an_inactive_organisation_or_one_of_b_is_not_offered(tenants, client_as):
    gone = social_map_entry(tenants.a.municipality, name="Oud loket", active=False)
    other = social_map_entry(tenants.b.municipality, name="Loket Beekdal")
    client = client_as(tenants.a.mb_worker)
    assert "Oud loket" not in client.get(tab(tenants.a.person) + "nieuw/").content.decode()
    for entry in (gone, other):
        assert client.post(tab(tenants.a.person) + "nieuw/", form_data(entry)).status_code == 400
    assert not Referral.objects.exists()


def test_the_worker_changes_status_and_follow_up(tenants, client_as):
    referral = referred(tenants.a)
    url = f"{tab(tenants.a.person)}{referral.pk}/"
    client_as(tenants.a.mb_worker).post(url, {f"r{referral.pk}-status": ReferralStatus.IN_PROGRESS,
                                              f"r{referral.pk}-follow_up_on": "2027-01-06"})
    referral.refresh_from_db()
    assert (referral.status, referral.follow_up_on) == (ReferralStatus.IN_PROGRESS, dt.date(2027, 1, 6))
    assert tenants.a.person.timeline.filter(title__contains="opvolgen op 06-01-2027").exists()


def test_an_invalid_status_changes_nothing(tenants, client_as):
    referral = referred(tenants.a)
    client_as(tenants.a.mb_worker).post(f"{tab(tenants.a.person)}{referral.pk}/", {
        f"r{referral.pk}-status": "weg", f"r{referral.pk}-follow_up_on": "2027-01-06"})
    referral.refresh_from_db()
    assert (referral.status, referral.follow_up_on) == (ReferralStatus.SENT, dt.date(2026, 12, 9))


def test_the_list_shows_open_referrals_and_marks_an_overdue_follow_up(tenants, client_as):
    late = referred(tenants.a, follow_up_on=dt.date(2026, 11, 20))
    referred(tenants.b)
    page = client_as(tenants.a.mb_worker).get(LIST).content.decode()
    assert tenants.a.person.full_name in page and tenants.b.person.full_name not in page
    assert page.count('class="mb-overdue"') == 1 and "20-11-2026" in page
    referrals.set_referral_status(actor=tenants.a.mb_worker, referral=late, status=ReferralStatus.CLOSED,
                                  purpose=PURPOSE)
    assert tenants.a.person.full_name not in client_as(tenants.a.mb_worker).get(LIST).content.decode()


@pytest.mark.parametrize("tail", ["", "nieuw/"])
def test_a_worker_of_b_gets_a_404_and_the_attempt_is_logged(tenants, client_as, tail):
    entry = social_map_entry(tenants.a.municipality)
    client = client_as(tenants.b.mb_worker)
    response = client.post(tab(tenants.a.person) + tail, form_data(entry)) if tail else client.get(tab(tenants.a.person))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.mb_worker.pk, outcome=Outcome.REFUSED,
                                     person_id=tenants.a.person.pk).exists()
    assert not Referral.objects.exists()


def test_a_worker_of_b_cannot_change_a_referral_of_a(tenants, client_as):
    referral = referred(tenants.a)
    response = client_as(tenants.b.mb_worker).post(f"{tab(tenants.a.person)}{referral.pk}/", {
        f"r{referral.pk}-status": ReferralStatus.CLOSED})
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize(("role", "status"), [(Role.VRIJWILLIGER, 403), (Role.TEAM_LEAD, 403),
                                              (Role.TAALAANBIEDER, 404), (Role.POLICY_ANALYST, 404)])
def test_other_roles_do_not_see_or_make_referrals(tenants, client_as, role, status):
    entry = social_map_entry(tenants.a.municipality)
    client = client_as(tenants.a.user(role))
    assert client.get(tab(tenants.a.person)).status_code == status
    assert client.post(tab(tenants.a.person) + "nieuw/", form_data(entry)).status_code == status
    assert client.get(LIST).status_code == 403
    assert not Referral.objects.exists()
