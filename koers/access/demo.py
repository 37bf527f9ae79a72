"""Consent in the demo: most persons the MB organisation supports agreed, at the warm handover after
the koppeling, to share with it what only consent opens (health, finances, notes); the others did not,
so the demo also shows what a worker sees without consent.

Recorded through :func:`koers.access.consent.give_consent`, mondeling with the consultant as witness
and explained in the person's own language. Deterministic (seeded per person on the BSN) and
idempotent: a person who has a consent is left alone, and one who declined declines again."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from koers.lib import clock
from koers.people.constants import LANGUAGES
from koers.people.models import Person

from .constants import ConsentMethod, DataCategory
from .consent import give_consent
from .models import Organisation, User

CONSENT_SHARE = 0.8
"""About four in five persons agree."""
HANDOVER_DAYS = 14
"""The warm handover takes place within two weeks of the koppeling."""
CATEGORIES = (DataCategory.HEALTH, DataCategory.FINANCE, DataCategory.NOTES)
PURPOSE = "Maatschappelijke begeleiding: ondersteuning bij geldzaken, gezondheid en zorg"


def add_demo_consents(
    persons: Iterable[Person], *, worker: User, organisation: Organisation, seed: int
) -> int:
    """For about four in five of ``persons``: consent to share ``CATEGORIES`` with ``organisation``,
    recorded by ``worker`` on the day of the warm handover; returns how many were recorded."""
    recorded = 0
    for person in persons:
        rng = random.Random(f"{seed}:{person.bsn}")
        if rng.random() >= CONSENT_SHARE or person.consents.exists():
            continue
        day = min(clock.today(), person.koppeling_date + dt.timedelta(days=rng.randint(0, HANDOVER_DAYS)))
        language = next((code for code in person.languages if code in LANGUAGES), "nl")
        with clock.frozen(day):
            give_consent(actor=worker, person=person, purpose=PURPOSE, organisations=[organisation],
                         categories=CATEGORIES, how=ConsentMethod.VERBAL, language=language,
                         witness=_witness(person, organisation), given_on=day)
        recorded += 1
    return recorded


def _witness(person: Person, organisation: Organisation) -> str:
    """The consultant, who sits in on the warm handover; a colleague when the person has none."""
    if person.consultant is not None:
        return f"{person.consultant.get_full_name()} (consulent)"
    return f"Collega van {organisation.name}"
