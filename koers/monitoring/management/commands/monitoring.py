"""``koers monitoring rebuild``: build the facts the dashboards count from anew, for everyone or for
one person."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.monitoring.facts import rebuild, refresh
from koers.people.models import Person


class Command(BaseCommand):
    help = "De feitentabellen van de monitoring opnieuw opbouwen (alle dossiers of één persoon)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="opdrachten")
        run = actions.add_parser("rebuild", help="feitentabellen opnieuw opbouwen")
        run.add_argument("--person", type=int, help="id van de persoon")

    def handle(self, *args, action: str, person: int | None = None, **options) -> None:
        if person is not None:
            if not Person.objects.filter(pk=person).exists():
                raise CommandError(f"Geen persoon met id {person}.")
            started = time.perf_counter()
            refresh([person])
            self.stdout.write(self.style.SUCCESS(
                f"Feiten van persoon {person} opnieuw opgebouwd in {time.perf_counter() - started:.2f} s."
            ))
            return
        outcome = rebuild()
        how = "in lege tabellen geladen" if outcome.bulk_load else "per blok van personen vernieuwd"
        self.stdout.write(self.style.SUCCESS(
            f"Feiten opnieuw opgebouwd ({how}): {outcome.persons:,} personen, {outcome.rows:,} rijen "
            f"in {outcome.seconds:.1f} s."
        ))
