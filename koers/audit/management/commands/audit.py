"""``koers audit verify``: recompute the hash chain of the audit log and report the first broken link."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.audit.chain import verify


class Command(BaseCommand):
    help = "Controleert het logboek: herberekent de hashketen en meldt de eerste regel waar die breekt."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="subcommand", required=True)
        actions.add_parser("verify", help="controleer de hashketen van het logboek")

    def handle(self, *args, **options) -> None:
        result = verify()
        if not result.intact:
            where = f"regel {result.broken_at}" if result.broken_at is not None else "einde van het logboek"
            raise CommandError(
                f"Keten verbroken bij {where} (na {result.checked} goede regels): {result.reason}"
            )
        self.stdout.write(self.style.SUCCESS(f"Logboek intact: {result.checked} regels gecontroleerd."))
