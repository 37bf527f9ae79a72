"""``koers signals recompute``: recompute the signals of everyone, one municipality or one person."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.access.models import Municipality
from koers.people.models import Person
from koers.signals.engine import recompute


class Command(BaseCommand):
    help = "Signalen en termijnen herberekenen (alle dossiers, één gemeente of één persoon)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="opdrachten")
        run = actions.add_parser("recompute", help="signalen herberekenen")
        scope = run.add_mutually_exclusive_group()
        scope.add_argument("--municipality", help="CBS-code van de gemeente")
        scope.add_argument("--person", type=int, help="id van de persoon")

    def handle(self, *args, action: str, municipality: str | None = None, person: int | None = None,
               **options) -> None:
        if municipality is not None:
            found = Municipality.objects.filter(cbs_code=municipality).first()
            if found is None:
                raise CommandError(f"Geen gemeente met CBS-code {municipality!r}.")
            outcome, scope = recompute(municipality_id=found.pk), found.name
        elif person is not None:
            if not Person.objects.filter(pk=person).exists():
                raise CommandError(f"Geen persoon met id {person}.")
            outcome, scope = recompute(person_ids=[person]), f"persoon {person}"
        else:
            outcome, scope = recompute(), "alle dossiers"
        self.stdout.write(self.style.SUCCESS(
            f"Herberekend ({scope}): {outcome.deadlines:,} termijnen; nieuw {outcome.created:,}, "
            f"gewijzigd {outcome.updated:,}, vervallen {outcome.lapsed:,} in {outcome.seconds:.1f} s."
        ))
