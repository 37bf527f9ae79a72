"""Sharing with partners is gated on consent where the municipality's rules say so."""

import datetime as dt

from django.db.models import Q

from koers.access.consent import withdraw_consent
from koers.access.constants import DataCategory as C
from koers.access.constants import Recipient
from koers.access.models import Consent, ConsentRule
from koers.access.query import categories_for, grants_reaching, visible_persons
from koers.lib import clock
from koers.people.constants import AssignmentRole
from tests.access.factories import ConsentFactory
from tests.factories import AssignmentFactory, PersonFactory


def unconsented_mb_person(tenant):
    person = PersonFactory(municipality=tenant.municipality)
    AssignmentFactory(person=person, organisation=tenant.mb_organisation, role=AssignmentRole.MB_BEGELEIDING)
    return person


def test_the_mb_organisation_sees_health_finance_and_notes_only_with_consent(tenants):
    person = unconsented_mb_person(tenants.a)
    categories = categories_for(tenants.a.mb_worker, person)
    assert {C.IDENTITY, C.CONTACT, C.BSN, C.EDUCATION_WORK} <= categories
    assert not categories & {C.HEALTH, C.FINANCE, C.NOTES}
    ConsentFactory(person=person, organisations=[tenants.a.mb_organisation], categories=[C.HEALTH])
    assert C.HEALTH in categories_for(tenants.a.mb_worker, person)
    assert C.NOTES not in categories_for(tenants.a.mb_worker, person)


def test_a_consent_for_every_recipient_of_a_kind_covers_each_mb_organisation(tenants):
    person = unconsented_mb_person(tenants.a)
    ConsentFactory(person=person, recipients=[Recipient.MB_ORGANISATION], categories=[C.FINANCE])
    assert C.FINANCE in categories_for(tenants.a.mb_worker, person)


def test_a_consent_to_another_organisation_gives_nothing(tenants):
    person = unconsented_mb_person(tenants.a)
    ConsentFactory(person=person, organisations=[tenants.a.school], categories=[C.HEALTH, C.FINANCE, C.NOTES])
    assert not categories_for(tenants.a.mb_worker, person) & {C.HEALTH, C.FINANCE, C.NOTES}


def test_a_consent_counts_from_the_day_it_was_given_until_the_day_it_is_withdrawn(tenants):
    person = unconsented_mb_person(tenants.a)
    consent = ConsentFactory(person=person, organisations=[tenants.a.mb_organisation], given_on=dt.date(2026, 11, 26))
    assert C.HEALTH not in categories_for(tenants.a.mb_worker, person)
    with clock.frozen(dt.date(2026, 11, 26)):
        assert C.HEALTH in categories_for(tenants.a.mb_worker, person)
    Consent.objects.filter(pk=consent.pk).update(withdrawn_on=dt.date(2026, 12, 1))
    with clock.frozen(dt.date(2026, 11, 30)):
        assert C.HEALTH in categories_for(tenants.a.mb_worker, person)
    with clock.frozen(dt.date(2026, 12, 1)):
        assert C.HEALTH not in categories_for(tenants.a.mb_worker, person)


def test_withdrawing_consent_cuts_access_at_once(tenants):
    consent = tenants.a.person.consents.get()
    assert C.NOTES in categories_for(tenants.a.mb_worker, tenants.a.person)
    withdraw_consent(actor=tenants.a.consultant, consent=consent)
    assert C.NOTES not in categories_for(tenants.a.mb_worker, tenants.a.person)


def test_a_rule_that_gates_everything_a_volunteer_sees_hides_the_person_until_consent(tenants):
    ConsentRule.objects.bulk_create(
        ConsentRule(municipality=tenants.a.municipality, recipient=Recipient.VOLUNTEER, category=c)
        for c in (C.IDENTITY, C.CONTACT)
    )
    volunteer = tenants.a.volunteer
    assert not visible_persons(volunteer).exists()
    assert grants_reaching(volunteer, tenants.a.person) == []
    ConsentFactory(person=tenants.a.person, recipients=[Recipient.VOLUNTEER], categories=[C.CONTACT])
    assert list(visible_persons(volunteer)) == [tenants.a.person]
    assert categories_for(volunteer, tenants.a.person) == {C.CONTACT}


def test_rules_are_per_municipality(tenants):
    ConsentRule.objects.filter(municipality=tenants.b.municipality, recipient=Recipient.MB_ORGANISATION).delete()
    person_b = unconsented_mb_person(tenants.b)
    assert C.HEALTH in categories_for(tenants.b.mb_worker, person_b)
    assert C.HEALTH not in categories_for(tenants.a.mb_worker, unconsented_mb_person(tenants.a))


def test_every_new_municipality_gets_the_default_rules(tenants):
    rules = set(ConsentRule.objects.filter(municipality=tenants.a.municipality).values_list("recipient", "category"))
    assert (Recipient.MB_ORGANISATION, C.HEALTH) in rules
    assert (Recipient.MB_ORGANISATION, C.BSN) not in rules
    assert (Recipient.VOLUNTEER, C.BSN) in rules and (Recipient.VOLUNTEER, C.CONTACT) not in rules
    assert {c for r, c in rules if r == Recipient.NEXT_MUNICIPALITY} == set(C)


def test_the_consultant_needs_no_consent_in_their_own_municipality(tenants):
    person = unconsented_mb_person(tenants.a)
    assert categories_for(tenants.a.consultant, person) == frozenset(C)


def test_the_list_filter_and_the_dossier_agree_on_who_sees_whom(tenants):
    ConsentRule.objects.bulk_create(
        ConsentRule(municipality=tenants.a.municipality, recipient=Recipient.MB_ORGANISATION, category=c)
        for c in set(C) - {C.HEALTH, C.FINANCE, C.NOTES}
    )
    consented = tenants.a.person
    unconsented = unconsented_mb_person(tenants.a)
    worker = tenants.a.mb_worker
    seen = list(visible_persons(worker))
    assert seen == [consented]
    assert categories_for(worker, seen[0]) == {C.HEALTH, C.FINANCE, C.NOTES}
    assert categories_for(worker, unconsented) == frozenset()
    assert not visible_persons(worker).filter(Q(pk=unconsented.pk)).exists()
