"""``koers demo``: the demo set-up (idempotent), then the URL and the logins."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandParser

from koers.synthetic.demo import set_up_demo
from koers.synthetic.management.commands.generate import positive


class Command(BaseCommand):
    help = (
        "Zet de demo klaar: Leidschendam-Voorburg met Wassenaar en Voorschoten, Tholen, een gebruiker per "
        "rol en synthetische dossiers. Kan vaker draaien zonder iets dubbel aan te maken."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=positive, default=300, help="aantal dossiers in de demo")
        parser.add_argument(
            "--url",
            default=f"http://127.0.0.1:{os.environ.get('KOERS_PORT', '8000')}/",
            help="adres waarop Koers draait (alleen voor de uitvoer)",
        )

    def handle(self, *args, **options) -> None:
        demo = set_up_demo(options["persons"])
        if demo.persons_created:
            self.stdout.write(f"{demo.persons_created} dossiers aangemaakt.")
        rows = [("Gebruikersnaam", "Wachtwoord", "Rol", "Organisatie"), *demo.login_rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Koers draait op {options['url']}"))
        self.stdout.write("")
        for i, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
            if i == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")
        if demo.newcomer is not None:
            self.stdout.write(demo.newcomer.instructions(options["url"]))
            self.stdout.write("")
