import datetime as dt

import pytest

from koers.access.constants import DataCategory
from koers.inburgering.constants import Leerroute, Niveau, PipStatus, PlichtStatus
from koers.inburgering.pip import PipRefused, PipRulesBroken, decide, save_concept
from koers.inburgering.rules.pip import PipCode
from koers.people.models import TimelineEvent

from .factories import BredeIntakeFactory, InburgeringsplichtFactory

PURPOSE = "Test"
B1 = {"leerroute": Leerroute.B1_ROUTE, "niveau": "", "geschatte_intensiteit": 600}
Z = {"leerroute": Leerroute.Z_ROUTE, "niveau": "", "geschatte_intensiteit": None}


def first_pip(tenant, day=dt.date(2026, 10, 1)):
    pip = save_concept(actor=tenant.consultant, person=tenant.person, data=B1, purpose=PURPOSE)
    return decide(actor=tenant.consultant, pip=pip, dagtekening=day, purpose=PURPOSE)


@pytest.fixture
def tenant(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    return tenants.a


def test_deciding_a_first_b1_route_records_the_niveau_duo_sets_and_lands_on_the_timeline(tenant):
    pip = first_pip(tenant)
    assert (pip.number, pip.status, pip.niveau) == (1, PipStatus.VASTGESTELD, Niveau.B1)
    assert pip.decided_by == tenant.consultant
    event = TimelineEvent.objects.get(person=tenant.person, title__startswith="PIP")
    assert event.title == "PIP vastgesteld: B1-route"
    assert event.category == DataCategory.EDUCATION_WORK
    assert "bezwaar mogelijk tot en met 12-11-2026" in event.body


def test_a_concept_links_the_latest_completed_brede_intake(tenant):
    from koers.inburgering.constants import IntakeStatus
    from koers.lib import clock

    intake = BredeIntakeFactory(person=tenant.person, status=IntakeStatus.AFGEROND, completed_at=clock.now())
    pip = save_concept(actor=tenant.consultant, person=tenant.person, data=B1, purpose=PURPOSE)
    assert pip.brede_intake == intake


def test_revising_makes_a_new_version_and_the_previous_one_vervangen(tenant):
    first = first_pip(tenant)
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=Z, purpose=PURPOSE)
    assert concept.number == 2
    second = decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 11, 20), purpose=PURPOSE)
    first.refresh_from_db()
    assert first.status == PipStatus.VERVANGEN
    assert (second.status, second.leerroute, second.niveau) == (PipStatus.VASTGESTELD, Leerroute.Z_ROUTE, "")
    assert TimelineEvent.objects.filter(title="PIP herzien (versie 2): Z-route").exists()


def test_a_revision_dated_before_the_current_pip_is_refused_and_nothing_changes(tenant):
    first_pip(tenant)
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=Z, purpose=PURPOSE)
    with pytest.raises(PipRulesBroken) as broken:
        decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 9, 30), purpose=PURPOSE)
    assert [v.code for v in broken.value.violations] == [PipCode.DAGTEKENING_VOOR_EERDERE_PIP]
    statuses = dict(tenant.person.pip_versies.values_list("number", "status"))
    assert statuses == {1: PipStatus.VASTGESTELD, 2: PipStatus.CONCEPT}


def test_a2_in_the_b1_route_is_refused_on_the_first_pip_but_allowed_on_a_revision(tenant):
    a2 = {**B1, "niveau": Niveau.A2}
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=a2, purpose=PURPOSE)
    with pytest.raises(PipRulesBroken) as broken:
        decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 10, 1), purpose=PURPOSE)
    assert broken.value.violations[0].code == PipCode.NIVEAU_A2_BIJ_EERSTE_PIP_B1_ROUTE
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=B1, purpose=PURPOSE)
    decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 10, 1), purpose=PURPOSE)
    revision = save_concept(actor=tenant.consultant, person=tenant.person, data=a2, purpose=PURPOSE)
    decided = decide(actor=tenant.consultant, pip=revision, dagtekening=dt.date(2026, 10, 2), purpose=PURPOSE)
    assert decided.niveau == Niveau.A2


def test_the_dagtekening_may_not_lie_before_the_koppeling_with_the_municipality(tenant):
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=B1, purpose=PURPOSE)
    with pytest.raises(PipRulesBroken) as broken:
        decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 3, 1), purpose=PURPOSE)
    assert [v.code for v in broken.value.violations] == [PipCode.DAGTEKENING_VOOR_VESTIGING]
    decided = decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 3, 2), purpose=PURPOSE)
    assert decided.dagtekening == dt.date(2026, 3, 2)


def test_an_intensity_is_refused_for_a_family_migrant(tenant):
    plicht = tenant.person.inburgeringsplicht
    plicht.doelgroep = "Gezinsmigrant en overige migrant"
    plicht.gedetailleerde_doelgroep = "Gezinsvormer"
    plicht.save()
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=B1, purpose=PURPOSE)
    with pytest.raises(PipRulesBroken) as broken:
        decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 10, 1), purpose=PURPOSE)
    assert broken.value.violations[0].code == PipCode.INTENSITEIT_NIET_TOEGESTAAN
    assert broken.value.violations[0].field == "geschatte_intensiteit"


def test_a_person_without_an_inburgeringsplicht_gets_no_pip(tenants):
    with pytest.raises(PipRefused) as refused:
        save_concept(actor=tenants.a.consultant, person=tenants.a.person, data=B1, purpose=PURPOSE)
    assert "geen inburgeringsplicht geregistreerd" in refused.value.message
    assert not tenants.a.person.pip_versies.exists()


def test_no_pip_is_decided_once_the_duty_no_longer_runs(tenant):
    concept = save_concept(actor=tenant.consultant, person=tenant.person, data=B1, purpose=PURPOSE)
    plicht = tenant.person.inburgeringsplicht
    plicht.status = PlichtStatus.VOLDAAN
    plicht.save()
    with pytest.raises(PipRefused):
        decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 10, 1), purpose=PURPOSE)
    concept.refresh_from_db()
    assert concept.status == PipStatus.CONCEPT


def test_a_decided_version_is_never_decided_again(tenant):
    pip = first_pip(tenant)
    with pytest.raises(PipRefused):
        decide(actor=tenant.consultant, pip=pip, dagtekening=dt.date(2026, 11, 1), purpose=PURPOSE)
