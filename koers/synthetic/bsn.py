"""Valid, unique, synthetic BSNs: eight digits of a counter plus the elfproef check digit."""

from collections.abc import Iterator

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def bsn_for(prefix: int) -> str | None:
    """The BSN whose first eight digits are ``prefix``, or None where no check digit fits."""
    digits = f"{prefix:08d}"
    check = sum(w * int(d) for w, d in zip(_WEIGHTS, digits, strict=True)) % 11
    return None if check == 10 else f"{digits}{check}"


def iter_bsns(start_prefix: int = 10_000_000) -> Iterator[str]:
    prefix = start_prefix
    while prefix < 100_000_000:
        bsn = bsn_for(prefix)
        if bsn is not None:
            yield bsn
        prefix += 1
