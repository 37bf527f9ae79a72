"""``koers demo`` sets up a centrumgemeente with its werkgebied, a separate municipality, a user for
every role and dossiers; running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from koers.access.constants import Role
from koers.access.models import Consent, Membership, Municipality, Organisation, User
from koers.access.query import visible_persons
from koers.inburgering.models import Belemmering, Participatie, Werkdoel
from koers.people.models import Assignment, Household, Person, TimelineEvent
from koers.synthetic.demo import USERS
from tests.once import made_once

pytestmark = pytest.mark.django_db

MODELS = (
    Municipality, Organisation, User, Membership, Person, Household, Assignment, TimelineEvent, Consent, Werkdoel,
    Participatie, Belemmering,
)


def demo(persons: int = 80) -> str:
    out = io.StringIO()
    call_command("demo", persons=persons, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


printed = made_once("printed", demo)
"""What the demo printed, once for the module (its dossiers and users stay for every test)."""


def test_running_it_twice_creates_nothing_twice(printed):
    first = counts()
    demo()
    assert counts() == first
    assert first["Person"] == 80
    assert first["Consent"] > 0 and first["Werkdoel"] > 0


def test_there_is_a_user_for_every_role(printed):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_every_printed_login_works(printed):
    assert "http://127.0.0.1:8000/" in printed
    for spec in USERS:
        assert spec.username in printed and spec.password in printed
        assert authenticate(username=spec.username, password=spec.password) is not None
    assert User.objects.get(username="beheer").is_superuser


def test_the_centrumgemeente_team_serves_wassenaar_and_voorschoten_but_not_tholen(printed):
    team = Organisation.objects.get(name="Team Inburgering Leidschendam-Voorburg")
    assert set(team.serves.values_list("cbs_code", flat=True)) == {"1916", "0629", "0626"}
    seen = set(
        visible_persons(User.objects.get(username="consulent")).values_list(
            "municipality__cbs_code", flat=True
        )
    )
    assert seen == {"1916", "0629", "0626"}
    tholen = set(
        visible_persons(User.objects.get(username="consulent.tholen")).values_list(
            "municipality__cbs_code", flat=True
        )
    )
    assert tholen == {"0716"}


@pytest.mark.parametrize("username", ["vrijwilliger", "mb-begeleider", "taalaanbieder"])
def test_partners_have_dossiers_assigned_to_them(printed, username):
    user = User.objects.get(username=username)
    assert Assignment.objects.active().filter(user=user).count() >= 5
    assert visible_persons(user).exists()


def test_the_demo_consultants_carry_the_caseload(printed):
    consultants = User.objects.filter(
        username__in=["consulent", "consulent2", "consulent3", "consulent.tholen"]
    )
    assert Person.objects.filter(consultant__in=consultants).count() > 0.8 * Person.objects.count()
