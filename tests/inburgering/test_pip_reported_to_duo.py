"""A decided PIP goes to DUO's outbox in the same transaction; a refused one leaves nothing to send."""

import datetime as dt

import pytest

from koers.duo.models import OutboxMessage
from koers.inburgering.constants import Leerroute, Niveau
from koers.inburgering.pip import PipRulesBroken, decide, save_concept

from .factories import InburgeringsplichtFactory

PURPOSE = "Test"


@pytest.fixture
def tenant(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    return tenants.a


def test_deciding_a_pip_puts_it_in_the_outbox_as_duo_takes_it(tenant):
    concept = save_concept(
        actor=tenant.consultant,
        person=tenant.person,
        data={"leerroute": Leerroute.B1_ROUTE, "niveau": "", "geschatte_intensiteit": 600},
        purpose=PURPOSE,
    )
    decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 10, 1), purpose=PURPOSE)

    message = OutboxMessage.objects.get(person=tenant.person)
    assert (message.message_type, message.status) == ("pip", OutboxMessage.Status.WAITING)
    assert message.payload["dagtekeningPip"] == "2026-10-01"
    assert message.payload["leerroute"] == "B"
    assert message.payload["niveau"] == Niveau.B1


def test_a_pip_refused_under_duos_rules_sends_nothing(tenant):
    concept = save_concept(
        actor=tenant.consultant,
        person=tenant.person,
        data={"leerroute": Leerroute.B1_ROUTE, "niveau": "", "geschatte_intensiteit": 600},
        purpose=PURPOSE,
    )
    with pytest.raises(PipRulesBroken):
        decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(1990, 1, 1), purpose=PURPOSE)

    assert not OutboxMessage.objects.filter(person=tenant.person).exists()
