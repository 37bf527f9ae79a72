"""``koers duo-reconcile CBS-CODE``: lists where Koers and DUO differ for a municipality's persons."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from koers.access.models import Municipality
from koers.duo.processing import default_client
from koers.duo.reconcile import reconcile


class Command(BaseCommand):
    help = "Compares Koers's records with DUO's for every person of a municipality and lists the differences."

    def add_arguments(self, parser) -> None:
        parser.add_argument("municipality", help="CBS code of the municipality, e.g. 0363.")

    def handle(self, *args, municipality: str, **options) -> None:
        found = Municipality.objects.filter(cbs_code=municipality).first()
        if found is None:
            raise CommandError(f"Geen gemeente met CBS-code {municipality}.")
        differences = list(reconcile(found, default_client(found.oin)))
        for difference in differences:
            self.stdout.write(f"{difference.bsn}\t{difference.field}\tKoers: {difference.koers or '-'}"
                              f"\tDUO: {difference.duo or '-'}")
        self.stdout.write(f"{len(differences)} verschillen gevonden voor {found.name}.")
