"""factory_boy factories for every model the tests need; no fixture dumps."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from koers.access.constants import OrganisationKind, Role
from koers.access.models import Membership, Municipality, Organisation, User
from koers.people.constants import AssignmentRole, EventKind, Gender, HouseholdRelation, Literacy, TargetGroup
from koers.people.models import Assignment, Household, HouseholdMember, Person, TimelineEvent
from koers.synthetic.bsn import iter_bsns

_bsns = iter_bsns(20_000_000)

TEST_PASSWORD = "Vlinder-Koers-2026!"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    cbs_code = factory.Sequence(lambda n: f"{9000 - n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    oin = factory.Sequence(lambda n: f"0000000100{n:010d}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.MUNICIPAL_TEAM
    municipality = factory.SubFactory(MunicipalityFactory)

    @factory.post_generation
    def serves(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.serves.set(extracted if extracted is not None else [self.municipality])


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen {n}")
    password = factory.django.Password(TEST_PASSWORD)


def user_with_role(role: Role, organisation: Organisation, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Huishouden {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    bsn = factory.LazyFunction(lambda: next(_bsns))
    given_names = factory.Iterator(["Amina", "Yonas", "Farid", "Merhawit", "Leyla", "Omar"])
    family_name = factory.Iterator(["Haddad", "Tesfay", "Ahmadi", "Gebremedhin", "Yilmaz", "Nasser"])
    date_of_birth = dt.date(1990, 5, 17)
    gender = factory.Iterator([Gender.VROUW, Gender.MAN])
    country_of_origin = "SY"
    nationality = "SY"
    languages = factory.LazyFunction(lambda: ["ar"])
    literacy = Literacy.OTHER_SCRIPT
    target_group = TargetGroup.ASIEL
    koppeling_date = dt.date(2026, 3, 2)

    @factory.post_generation
    def household(self, create: bool, extracted, **kwargs) -> None:
        if not create:
            return
        household = extracted or Household.objects.create(
            municipality=self.municipality, name=f"Huishouden {self.family_name}"
        )
        relation = HouseholdRelation.PARTNER if household.members.exists() else HouseholdRelation.APPLICANT
        HouseholdMember.objects.create(household=household, person=self, relation=relation)


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.MB_ORGANISATION)
    role = AssignmentRole.MB_BEGELEIDING
    start_date = dt.date(2026, 1, 1)


class TimelineEventFactory(DjangoModelFactory):
    class Meta:
        model = TimelineEvent

    person = factory.SubFactory(PersonFactory)
    kind = EventKind.NOTE
    title = factory.Sequence(lambda n: f"Gesprek {n}")


