"""Seeds a fresh Koers database for the worker-kill test: one municipality, persons with a duty, and
stored DUO notifications waiting to be processed. Run as ``python -m tests.duo.seed_for_worker N``."""

from __future__ import annotations

import os
import sys
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
django.setup()

from koers.duo import inbox  # noqa: E402
from koers.duo.simulator import DUO_OIN  # noqa: E402
from tests.factories import MunicipalityFactory, PersonFactory  # noqa: E402
from tests.inburgering.factories import InburgeringsplichtFactory  # noqa: E402

CODES = ["SS199", "SS102", "SS131", "SS137", "SS127"]


def main(count: int) -> None:
    municipality = MunicipalityFactory(cbs_code="0001", name="Aadorp")
    persons = [PersonFactory(municipality=municipality, household=None) for _ in range(20)]
    for person in persons:
        InburgeringsplichtFactory(person=person)
    for number in range(count):
        person = persons[number % len(persons)]
        inbox.receive(
            message_id=uuid.uuid4(), sender_oin=DUO_OIN, recipient_oin=municipality.oin,
            payload={"registratieDatumTijd": f"2026-11-01T10:{number // 60 % 60:02d}:{number % 60:02d}+01:00",
                     "gebeurtenisId": CODES[number % len(CODES)], "bsn": person.bsn},
        )


if __name__ == "__main__":
    main(int(sys.argv[1]))
