"""Overdracht: after a move, the next municipality reaches the dossier only as far as consent allows."""

from koers.access.consent import give_consent, transfer_person, withdraw_consent
from koers.access.constants import ConsentMethod, Recipient
from koers.access.constants import DataCategory as C
from koers.access import query
from koers.access.query import categories_for, visible_persons
from koers.audit.models import AuditEntry
from koers.people.models import TimelineEvent
from tests.factories import PersonFactory


def moved(tenants, categories=(C.IDENTITY, C.DUO, C.EDUCATION_WORK)):
    person = tenants.a.other_person
    consent = give_consent(
        actor=tenants.a.consultant, person=person, purpose="Overdracht na verhuizing", organisations=[],
        recipients=[Recipient.NEXT_MUNICIPALITY], categories=categories, how=ConsentMethod.VERBAL,
        language="ar", witness="Tolk Nadia Amrani",
    )
    return person, consent


def test_the_next_municipality_sees_the_consented_categories_after_the_transfer(tenants):
    person, consent = moved(tenants)
    consultant_b = tenants.b.consultant
    assert person not in visible_persons(consultant_b)
    transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality, consent=consent)
    assert person in visible_persons(consultant_b)
    assert categories_for(consultant_b, person) == {C.IDENTITY, C.DUO, C.EDUCATION_WORK}


def test_a_transfer_without_consent_gives_nothing(tenants):
    person = tenants.a.other_person
    transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality)
    assert person not in visible_persons(tenants.b.consultant)
    assert categories_for(tenants.b.consultant, person) == frozenset()


def test_withdrawing_the_consent_ends_the_next_municipalitys_access(tenants):
    person, consent = moved(tenants)
    transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality, consent=consent)
    withdraw_consent(actor=tenants.a.consultant, consent=consent)
    assert person not in visible_persons(tenants.b.consultant)
    assert categories_for(tenants.b.consultant, PersonFactory._meta.model.objects.get(pk=person.pk)) == frozenset()


def test_only_the_consultants_of_the_receiving_municipality_gain_access(tenants):
    person, consent = moved(tenants)
    transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality, consent=consent)
    for user in (tenants.b.mb_worker, tenants.b.volunteer, tenants.b.provider, tenants.b.analyst):
        assert person not in visible_persons(user)
    assert categories_for(tenants.b.team_lead, person) == {C.IDENTITY, C.DUO, C.EDUCATION_WORK}


def test_the_transfer_lands_on_the_timeline_and_in_the_audit_log(tenants):
    person, consent = moved(tenants)
    transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality, consent=consent)
    assert TimelineEvent.objects.filter(person=person, title__contains=tenants.b.municipality.name).exists()
    assert AuditEntry.objects.filter(person_id=person.pk, purpose="Overdracht aan nieuwe gemeente").exists()


def test_a_municipality_with_many_transfers_in_reaches_them_through_a_subquery(tenants, monkeypatch):
    monkeypatch.setattr(query, "TRANSFERRED_IN_LISTED", 0)
    person, consent = moved(tenants)
    transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality, consent=consent)
    reached = visible_persons(tenants.b.consultant).get(pk=person.pk)
    assert categories_for(tenants.b.consultant, reached) == {C.IDENTITY, C.DUO, C.EDUCATION_WORK}
    assert tenants.a.person not in visible_persons(tenants.b.consultant)
