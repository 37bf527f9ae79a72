"""Closed and open dossiers for the AVG tests."""

from __future__ import annotations

import datetime as dt

from koers.inburgering.constants import PlichtStatus
from koers.people.models import Person
from tests.factories import PersonFactory
from tests.inburgering.factories import InburgeringsplichtFactory


def closed_dossier(
    municipality, ended_on: dt.date, status: PlichtStatus = PlichtStatus.VOLDAAN, **fields
) -> Person:
    person = PersonFactory(municipality=municipality, **fields)
    InburgeringsplichtFactory(person=person, status=status, ended_on=ended_on)
    return person


def open_dossier(municipality, **fields) -> Person:
    person = PersonFactory(municipality=municipality, **fields)
    InburgeringsplichtFactory(person=person)
    return person
