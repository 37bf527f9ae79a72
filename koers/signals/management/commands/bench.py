"""``koers bench <name>``: run a registered benchmark on the data in the database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.lib.bench import Bench, add_benchmark_arguments, benchmark, benchmarks


class Command(BaseCommand):
    help = "Meet de snelheid van een onderdeel op de gegevens in de database (koers bench --list toont ze)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="naam van de benchmark")
        parser.add_argument("--list", dest="show_list", action="store_true", help="toon de geregistreerde benchmarks")
        parser.add_argument("--sample", type=int, default=200, help="aantal losse dossiers voor metingen per dossier")
        add_benchmark_arguments(parser.add_argument_group("opties van afzonderlijke benchmarks"))

    def handle(self, *args, name: str | None = None, show_list: bool = False, sample: int = 200, **options) -> None:
        if show_list or not name:
            for item in benchmarks():
                self.stdout.write(f"{item.name:<16} {item.description}")
            return
        try:
            chosen = benchmark(name)
        except LookupError:
            known = ", ".join(b.name for b in benchmarks()) or "geen"
            raise CommandError(f"Onbekende benchmark {name!r}; bekend: {known}.") from None
        if sample < 1:
            raise CommandError("--sample moet minstens 1 zijn.")
        self.stdout.write(f"Benchmark {chosen.name}: {chosen.description}")
        chosen.run(Bench(write=self.stdout.write, options={**options, "sample": sample}))
