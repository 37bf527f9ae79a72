"""A record that the newcomer was told about schemes they may claim, and work goals (the job they want
and a first job) for every newcomer, whatever their partner does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry
from koers.inburgering.constants import Regeling, VoorlichtingUitkomst, VoorlichtingWijze
from koers.inburgering.models import Voorlichting, Werkdoel
from koers.inburgering.participatie import Change, current_werkdoel, record_voorlichting, record_werkdoel
from koers.people.models import TimelineEvent
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def told(tenant, **changes) -> Voorlichting:
    values = {
        "regeling": Regeling.KOSTEN_KINDEROPVANG, "name": "", "informed_on": dt.date(2026, 11, 18),
        "how": VoorlichtingWijze.GESPREK, "language": "ti", "interpreter": True,
        "outcome": VoorlichtingUitkomst.WIL_AANVRAGEN, "note": "Formulier samen invullen", **changes,
    }
    return record_voorlichting(Change(tenant.consultant), tenant.person, **values)


def test_being_told_about_a_scheme_is_recorded_with_how_and_in_which_language(tenants):
    record = told(tenants.a)

    assert (record.language_name, record.interpreter, record.informed_by) == ("Tigrinya", True, tenants.a.consultant)
    event = TimelineEvent.objects.get(person=tenants.a.person, data__has_key="voorlichting")
    assert (event.title, event.category) == (
        "Voorlichting over een regeling: Vergoeding extra kosten kinderopvang", DataCategory.FINANCE
    )
    entry = AuditEntry.objects.get(person_id=tenants.a.person.pk, action=Action.CREATE)
    assert (entry.user_id, entry.categories) == (tenants.a.consultant.pk, DataCategory.FINANCE)


def test_a_municipal_scheme_needs_its_name(tenants):
    with pytest.raises(ValidationError) as refused:
        told(tenants.a, regeling=Regeling.GEMEENTELIJK)
    assert "name" in refused.value.message_dict

    assert str(told(tenants.a, regeling=Regeling.GEMEENTELIJK, name="Reiskostenregeling taalles")) == (
        "Reiskostenregeling taalles"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"language": "xx"}, "language", id="a language Koers does not know"),
        pytest.param({"informed_on": dt.date(2026, 11, 26)}, "informed_on", id="a day in the future"),
    ],
)
def test_an_impossible_record_of_a_scheme_is_refused_and_nothing_is_stored(tenants, changes, field):
    with pytest.raises(ValidationError) as refused:
        told(tenants.a, **changes)
    assert field in refused.value.message_dict
    assert not Voorlichting.objects.exists()


def test_every_newcomer_has_a_work_goal_of_their_own_whatever_the_partner_does(tenants):
    wife = tenants.a.person
    husband = PersonFactory(municipality=tenants.a.municipality, household=wife.household_membership.household)
    change = Change(tenants.a.consultant)
    record_werkdoel(change, husband, wanted_job="Vrachtwagenchauffeur", first_job="Bijrijder", steps="",
                    set_on=dt.date(2026, 10, 1))
    record_werkdoel(change, wife, wanted_job="Verpleegkundige", first_job="Zorghulp in een verpleeghuis",
                    steps="Eerst B1, dan de opleiding verzorgende IG", set_on=dt.date(2026, 10, 1))
    record_werkdoel(change, wife, wanted_job="Verpleegkundige", first_job="Gastvrouw in het ziekenhuis",
                    steps="", set_on=dt.date(2026, 11, 20))

    assert current_werkdoel(husband).wanted_job == "Vrachtwagenchauffeur"
    assert current_werkdoel(wife).first_job == "Gastvrouw in het ziekenhuis"
    assert Werkdoel.objects.filter(person=wife).count() == 2
    assert TimelineEvent.objects.filter(person=wife, title="Werkdoel vastgelegd: Verpleegkundige").count() == 2


def test_a_work_goal_needs_the_wanted_work(tenants):
    with pytest.raises(ValidationError) as refused:
        record_werkdoel(Change(tenants.a.consultant), tenants.a.person, wanted_job=" ", first_job="Schoonmaker",
                        steps="", set_on=dt.date(2026, 11, 1))
    assert "wanted_job" in refused.value.message_dict
    assert not Werkdoel.objects.exists()
