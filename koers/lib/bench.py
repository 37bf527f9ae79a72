"""Benchmarks as a registry: apps register a named benchmark in their ``AppConfig.ready()`` and
``koers bench <name>`` runs it on the data in the database and prints its figures.

A benchmark may add its own command-line options (``Benchmark.arguments``); they reach it in
``bench.options``. Two benchmarks are built in, because they run all of Koers rather than one app:
``load`` (Koers under gunicorn, measured with wrk on a generated PostgreSQL dataset) and ``all``
(the same plus every app's benchmark on that dataset); see ``koers.lib.loadbench``.

A benchmark is a function that takes a ``Bench`` and measures sections of work with
``bench.measure(label, count)``; for each section the command prints the count, the seconds, the
rate per second, the seconds per 1,000 and the process's peak memory. Figures are for people to
read and compare; tests only check that a benchmark runs, never its speed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Measurement:
    label: str
    count: int
    unit: str
    seconds: float
    peak_mib: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else float("inf")

    @property
    def seconds_per_thousand(self) -> float:
        return self.seconds * 1000 / self.count if self.count else 0.0

    def line(self) -> str:
        return (
            f"{self.label:<44} {self.count:>10,} {self.unit:<9} {self.seconds:9.2f} s "
            f"{self.per_second:>12,.0f} /s {self.seconds_per_thousand:9.4f} s/1000  piek {self.peak_mib:8.1f} MiB"
        )


def peak_memory_mib() -> float:
    """The peak resident memory of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass
class Bench:
    write: Callable[[str], None]
    options: dict = field(default_factory=dict)
    measurements: list[Measurement] = field(default_factory=list)

    @contextmanager
    def measure(self, label: str, count: int, unit: str = "dossiers") -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.record(label, count, time.perf_counter() - started, unit)

    def record(self, label: str, count: int, seconds: float, unit: str = "dossiers") -> None:
        """A section measured by its caller, for work whose count is known only afterwards."""
        measurement = Measurement(label, count, unit, seconds, peak_memory_mib())
        self.measurements.append(measurement)
        self.write(measurement.line())

    def note(self, text: str) -> None:
        self.write(text)


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    run: Callable[[Bench], None]
    arguments: Callable[[argparse._ActionsContainer], None] | None = None
    """Adds this benchmark's own options to ``koers bench``'s parser (shared by benchmarks that pass
    the same function)."""


_benchmarks: dict[str, Benchmark] = {}


def register_benchmark(benchmark: Benchmark) -> None:
    known = _benchmarks.get(benchmark.name)
    if known is not None and known.run is not benchmark.run:
        raise ValueError(f"Benchmark {benchmark.name!r} registered twice.")
    _benchmarks[benchmark.name] = benchmark


def benchmarks() -> list[Benchmark]:
    return [_benchmarks[name] for name in sorted(_benchmarks)]


def benchmark(name: str) -> Benchmark:
    try:
        return _benchmarks[name]
    except KeyError:
        raise LookupError(name) from None


def add_benchmark_arguments(parser: argparse._ActionsContainer) -> None:
    """Every registered benchmark's own options, each set once."""
    added: list[Callable] = []
    for item in benchmarks():
        if item.arguments is not None and item.arguments not in added:
            added.append(item.arguments)
            item.arguments(parser)


from koers.lib import loadbench, screensbench  # noqa: E402  (built in; they import this module's names above)

register_benchmark(loadbench.LOAD)
register_benchmark(loadbench.ALL)
register_benchmark(screensbench.SCREENS)
