"""Participation in the demo: for a handful of persons whose inburgeringstermijn has run for some
months, a work goal, participation hours per month (informal participation included) and a barrier,
recorded by their consultant through the services on the days they were discussed. One barrier in
two has been solved; the others come up for follow-up in the coming weeks.

Deterministic (seeded per person on the BSN) and idempotent: once enough persons have a work goal,
nothing is added."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet

from koers.lib import clock
from koers.people.models import Person

from .constants import BelemmeringSoort, ParticipatieSoort, PlichtStatus
from .participatie import Change, record_actie, record_belemmering, record_participatie, record_werkdoel

PARTICIPANTS = 6
MONTHS = 3
"""Participation hours for the last three whole months."""
RUNNING_FOR = dt.timedelta(days=150)
"""Only persons whose term started at least this long ago: there is something to record."""
GOAL_AFTER = dt.timedelta(days=30)
BARRIER_AFTER = dt.timedelta(days=60)
SOLVED_AFTER = dt.timedelta(days=21)

# (wanted job, first job within reach, steps between them)
GOALS = (
    ("Verpleegkundige", "Helpende zorg en welzijn",
     "Taal naar B1, dan de opleiding helpende zorg en welzijn (niveau 2) bij het ROC."),
    ("Elektricien", "Assistent installatietechniek",
     "Diploma laten waarderen door IDW; meelopen bij een installatiebedrijf in de buurt."),
    ("Kok", "Keukenhulp",
     "Werkervaringsplaats in een keuken, daarna de opleiding zelfstandig werkend kok."),
    ("Vrachtwagenchauffeur", "Bezorger",
     "Rijbewijs B omwisselen, daarna rijbewijs C en code 95 halen."),
    ("Boekhouder", "Administratief medewerker",
     "Cursus Excel in de bibliotheek en vrijwilligerswerk als penningmeester van een vereniging."),
    ("Kapper", "Assistent in een kapsalon",
     "Proefdag bij een kapsalon, daarna de opleiding kapper (niveau 2) naast het werk."),
)
# (kind, what and where, a small success)
ACTIVITIES = (
    (ParticipatieSoort.VRIJWILLIGERSWERK, "Voedselbank: sorteren en uitdelen",
     "Met collega's alleen Nederlands gesproken."),
    (ParticipatieSoort.INFORMEEL, "Helpt in de ouderkamer van de basisschool",
     "Zelf een andere ouder aangesproken."),
    (ParticipatieSoort.ACTIVITEIT, "Taalcafé in de bibliotheek", ""),
    (ParticipatieSoort.WERKERVARING, "Werkervaringsplaats in de keuken van een zorgcentrum",
     "De lunch voor het eerst zonder hulp klaargezet."),
    (ParticipatieSoort.OPLEIDING, "Cursus digitale vaardigheden in het buurthuis",
     "Zelf met DigiD ingelogd."),
    (ParticipatieSoort.INFORMEEL, "Boodschappen voor een oudere buurvrouw", ""),
)
# (kind, what is going on, what was done about it)
BARRIERS = (
    (BelemmeringSoort.WACHTLIJST_KINDEROPVANG,
     "De jongste staat op de wachtlijst van de kinderopvang; lessen overdag lukken niet.",
     "Aangemeld bij een tweede kinderopvang met een kortere wachtlijst."),
    (BelemmeringSoort.VERVOER, "Geen fiets en de bus naar de taalschool is te duur.",
     "Fiets geregeld via de fietsenbank en reiskosten aangevraagd."),
    (BelemmeringSoort.GEZONDHEID, "Rugklachten; lang zitten in de les gaat moeizaam.",
     "Naar de huisarts verwezen; pauzes afgesproken met de taalschool."),
)


def add_demo_participatie(persons: QuerySet[Person], *, seed: int) -> int:
    """Participation records for up to ``PARTICIPANTS`` of ``persons`` with a running term and a
    consultant; returns for how many persons they were made."""
    today = clock.today()
    candidates = persons.filter(
        consultant__isnull=False,
        inburgeringsplicht__status=PlichtStatus.LOPEND,
        inburgeringsplicht__termijn_start__lte=today - RUNNING_FOR,
        koppeling_date__lte=today - RUNNING_FOR,
    ).select_related("consultant", "inburgeringsplicht").order_by("pk")
    have = candidates.filter(werkdoelen__isnull=False).distinct().count()
    chosen = list(candidates.filter(werkdoelen__isnull=True, participaties__isnull=True,
                                    belemmeringen__isnull=True)[:max(0, PARTICIPANTS - have)])
    for number, person in enumerate(chosen, start=have):
        with transaction.atomic():
            _record(person, number, random.Random(f"{seed}:{person.bsn}"), today)
    return len(chosen)


def _record(person: Person, number: int, rng: random.Random, today: dt.date) -> None:
    """The records of the ``number``-th participant (from 0): the kinds of barrier take turns, and
    every other barrier has been solved."""
    change = Change(person.consultant)
    start = max(person.inburgeringsplicht.termijn_start, person.koppeling_date)
    wanted, first, steps = rng.choice(GOALS)
    with clock.frozen(start + GOAL_AFTER):
        record_werkdoel(change, person, wanted_job=wanted, first_job=first, steps=steps, set_on=clock.today())
    for kind, description, success in rng.sample(ACTIVITIES, 2):
        for index, (month, month_end) in enumerate(_last_months(today)):
            with clock.frozen(month_end):
                record_participatie(change, person, soort=kind, period_start=month, period_end=month_end,
                                    hours=Decimal(rng.randrange(8, 41, 2)), description=description,
                                    success=success if index == 0 else "")
    kind, situation, done = BARRIERS[number % len(BARRIERS)]
    since = start + BARRIER_AFTER
    solved = number % 2 == 0
    follow_up_on = None if solved else today + dt.timedelta(days=rng.randint(7, 21))
    with clock.frozen(since):
        barrier = record_belemmering(change, person, soort=kind, description=situation, since=since,
                                     follow_up_on=follow_up_on)
    if solved:
        with clock.frozen(since + SOLVED_AFTER):
            record_actie(change, barrier, done_on=clock.today(), description=done, solved=True)


def _last_months(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The first and last day of each of the last ``MONTHS`` whole months, the latest first."""
    months = []
    end = today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(MONTHS):
        months.append((end.replace(day=1), end))
        end = end.replace(day=1) - dt.timedelta(days=1)
    return months
