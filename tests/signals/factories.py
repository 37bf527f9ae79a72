"""Factories for the signal engine's tests: signals and the municipality's signal policy."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from koers.access.constants import DataCategory
from koers.signals.models import Signal, SignalPolicy, SignalStatus
from tests.factories import PersonFactory


class SignalFactory(DjangoModelFactory):
    class Meta:
        model = Signal

    person = factory.SubFactory(PersonFactory)
    municipality = factory.SelfAttribute("person.municipality")
    kind = "inburgering.leerroute"
    reference = factory.Sequence(lambda n: f"plicht:{n}")
    due = dt.date(2026, 12, 1)
    category = DataCategory.EDUCATION_WORK
    status = SignalStatus.OPEN


class SignalPolicyFactory(DjangoModelFactory):
    class Meta:
        model = SignalPolicy
        django_get_or_create = ("municipality",)
