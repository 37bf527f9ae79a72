"""Helpers for the synthetic-data tests: sites with made-up ids, and rows of the pure generator
read back as Python values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from koers.begeleiding.presets import DEFAULT_PRESET, preset
from koers.lib import clock
from koers.synthetic.generator import COLUMNS, Chunk, DossierGenerator, Site, Start
from koers.synthetic.support import MbPolicyRef

MB_POLICY = MbPolicyRef.of(41, preset(DEFAULT_PRESET).settings)

SITES = (
    Site(
        1,
        "Leidschendam-Voorburg",
        2261,
        78_000,
        (11, 12, 13),
        mb_organisation_id=21,
        school_id=22,
        mb_worker_ids=(14,),
        volunteer_ids=(15,),
        provider_ids=(16,),
        instelling_id=31,
        mb_policy=MB_POLICY,
    ),
    Site(2, "Tholen", 4691, 27_000, (17,), mb_organisation_id=23, school_id=24, instelling_id=32),
)


def generate(count: int, seed: int = 1, start: Start | None = None) -> Chunk:
    """All rows for ``count`` persons in one chunk, on the suite's frozen clock."""
    generator = DossierGenerator(
        SITES, seed=seed, start=start or Start(), now=clock.now(), today=clock.today()
    )
    merged = Chunk()
    for chunk in generator.chunks(count, chunk_size=max(count, 1)):
        for name, rows in chunk.tables().items():
            getattr(merged, name).extend(rows)
    return merged


def as_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def as_moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def records(chunk: Chunk, table: str) -> list[dict]:
    """The rows of one table as dicts keyed by column."""
    return [dict(zip(COLUMNS[table], row, strict=True)) for row in getattr(chunk, table)]


def grouped(rows: list[dict], key: str) -> dict[object, list[dict]]:
    """``rows`` by the value of ``key``, each group in the order of the rows."""
    groups: dict[object, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups
