"""``koers avg anonymise [--dry-run]``: anonymise the dossiers whose retention period has run out."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from koers.avg.anonymise import anonymise_due_dossiers


class Command(BaseCommand):
    help = "AVG: anonimiseer dossiers die langer dan de bewaartermijn zijn afgesloten."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="subcommand", required=True)
        anonymise = actions.add_parser("anonymise", help="anonimiseer dossiers na de bewaartermijn")
        anonymise.add_argument("--dry-run", action="store_true", help="alleen tellen, niets wijzigen")

    def handle(self, *args, **options) -> None:
        report = anonymise_due_dossiers(dry_run=options["dry_run"])
        prefix = "Proefdraai: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{report.dossiers} dossiers geanonimiseerd.")
        for label, fields in report.as_dict().items():
            for name, count in fields.items():
                self.stdout.write(f"  {label}.{name}: {count}")
