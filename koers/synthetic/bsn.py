"""Valid, unique, synthetic BSNs: eight digits of a counter plus the elfproef check digit."""

from collections.abc import Iterator

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
# The weighted digit sums of the first and of the last four of the eight digits, looked up rather
# than computed: the generator asks for a million BSNs at a time.
_HIGH = tuple(sum(w * int(d) for w, d in zip(_WEIGHTS[:4], f"{n:04d}", strict=True)) for n in range(10_000))
_LOW = tuple(sum(w * int(d) for w, d in zip(_WEIGHTS[4:], f"{n:04d}", strict=True)) for n in range(10_000))


def bsn_for(prefix: int) -> str | None:
    """The BSN whose first eight digits are ``prefix``, or None where no check digit fits."""
    high, low = divmod(prefix, 10_000)
    check = (_HIGH[high] + _LOW[low]) % 11
    return None if check == 10 else f"{prefix:08d}{check}"


def iter_bsns(start_prefix: int = 10_000_000) -> Iterator[str]:
    prefix = start_prefix
    while prefix < 100_000_000:
        bsn = bsn_for(prefix)
        if bsn is not None:
            yield bsn
        prefix += 1
