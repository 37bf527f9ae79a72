"""``koers generate``: realistic synthetic dossiers in bulk (a million in minutes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.synthetic.tenancy import prepare_sites
from koers.synthetic.writer import Progress, write_dossiers


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Maakt synthetische gemeenten, organisaties, consulenten en dossiers aan (bulk, herhaalbaar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", type=positive, default=10, help="aantal gemeenten")
        parser.add_argument("--persons", type=positive, default=1000, help="aantal personen met een dossier")
        parser.add_argument("--seed", type=int, default=2021, help="startwaarde van het toeval (herhaalbaar)")
        parser.add_argument(
            "--start-bsn-prefix",
            type=int,
            default=None,
            help="eerste acht cijfers van het eerste BSN (nooit onder het hoogste bestaande)",
        )
        parser.add_argument("--chunk-size", type=positive, default=10_000, help="personen per transactie")

    def handle(self, *args, **options) -> None:
        prefix = options["start_bsn_prefix"]
        if prefix is not None and not 10_000_000 <= prefix <= 99_999_999:
            raise CommandError("--start-bsn-prefix moet uit acht cijfers bestaan (10000000–99999999).")
        total = options["persons"]
        sites = prepare_sites(options["municipalities"], total, seed=options["seed"])
        consultants = sum(len(site.consultant_ids) for site in sites)
        self.stdout.write(f"{len(sites)} gemeenten, {consultants} consulenten; {total} personen genereren…")
        self.every = max(options["chunk_size"], total // 20)
        self.reported = 0
        result = write_dossiers(
            sites,
            total,
            seed=options["seed"],
            bsn_prefix=prefix,
            chunk_size=options["chunk_size"],
            progress=self.report,
            announce=self.stdout.write,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {result.persons} personen in {result.seconds:.1f} s ({result.rate:,.0f} personen/s)."
            )
        )

    def report(self, progress: Progress) -> None:
        if progress.persons - self.reported >= self.every or progress.persons == progress.total:
            self.reported = progress.persons
            self.stdout.write(
                f"  {progress.persons:>9,} / {progress.total:,}  {progress.seconds:7.1f} s  "
                f"{progress.rate:,.0f} personen/s"
            )
