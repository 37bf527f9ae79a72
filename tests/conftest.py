"""Shared fixtures. ``tenants`` gives two municipalities with a full cast each, so that every
feature can prove that one municipality never reaches the other's people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from koers.access.constants import OrganisationKind, Role
from koers.access.models import Municipality, Organisation, User
from koers.lib import clock
from koers.people.constants import AssignmentRole
from koers.people.models import Person

from .access.factories import ConsentFactory
from .factories import (
    AssignmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    user_with_role,
)

TODAY = dt.date(2026, 11, 25)


@dataclass
class Tenant:
    municipality: Municipality
    team: Organisation
    mb_organisation: Organisation
    school: Organisation
    consultant: User
    team_lead: User
    mb_worker: User
    volunteer: User
    provider: User
    analyst: User
    admin: User
    person: Person
    other_person: Person

    def user(self, role: Role) -> User:
        return {
            Role.CONSULTANT: self.consultant,
            Role.TEAM_LEAD: self.team_lead,
            Role.MB_BEGELEIDER: self.mb_worker,
            Role.VRIJWILLIGER: self.volunteer,
            Role.TAALAANBIEDER: self.provider,
            Role.POLICY_ANALYST: self.analyst,
            Role.FUNCTIONAL_ADMIN: self.admin,
        }[role]


def make_tenant(cbs_code: str, name: str) -> Tenant:
    municipality = MunicipalityFactory(cbs_code=cbs_code, name=name)
    team = OrganisationFactory(name=f"Team inburgering {name}", municipality=municipality)
    mb = OrganisationFactory(
        name=f"Welzijn {name}", kind=OrganisationKind.MB_ORGANISATION, municipality=municipality
    )
    school = OrganisationFactory(
        name=f"Taalschool {name}", kind=OrganisationKind.LANGUAGE_PROVIDER, municipality=municipality
    )
    consultant = user_with_role(Role.CONSULTANT, team)
    person = PersonFactory(municipality=municipality, consultant=consultant)
    other_person = PersonFactory(municipality=municipality)
    volunteer = user_with_role(Role.VRIJWILLIGER, mb)
    AssignmentFactory(person=person, organisation=mb, role=AssignmentRole.MB_BEGELEIDING)
    AssignmentFactory(person=person, organisation=mb, user=volunteer, role=AssignmentRole.VRIJWILLIGER)
    AssignmentFactory(person=person, organisation=school, role=AssignmentRole.TAALAANBIEDER)
    # The person agreed to share what the MB organisation needs; other_person gave no consent.
    ConsentFactory(person=person, organisations=[mb])
    return Tenant(
        municipality=municipality,
        team=team,
        mb_organisation=mb,
        school=school,
        consultant=consultant,
        team_lead=user_with_role(Role.TEAM_LEAD, team),
        mb_worker=user_with_role(Role.MB_BEGELEIDER, mb),
        volunteer=volunteer,
        provider=user_with_role(Role.TAALAANBIEDER, school),
        analyst=user_with_role(Role.POLICY_ANALYST, team),
        admin=user_with_role(Role.FUNCTIONAL_ADMIN, team),
        person=person,
        other_person=other_person,
    )


@dataclass
class Tenants:
    a: Tenant
    b: Tenant


@pytest.fixture(autouse=True)
def fixed_clock():
    """Every test runs on 25 November 2026 at noon unless it moves the clock itself."""
    with clock.frozen(TODAY):
        yield


@pytest.fixture(autouse=True)
def dutch_to_start_with():
    """Every test starts in Dutch. A request's language stays active in the thread after the response
    (``LocaleMiddleware`` activates it and nothing switches back), so without this a test would run
    in the language of whatever request an earlier test made."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def tenants(db) -> Tenants:
    return Tenants(a=make_tenant("0001", "Aadorp"), b=make_tenant("0002", "Beekdal"))


@pytest.fixture
def client_as():
    """``client_as(user)``: a Django test client with that user logged in."""
    from django.test import Client

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
