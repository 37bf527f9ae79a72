"""Building a DUO client against the stub, without waiting on backoff."""

from __future__ import annotations

from koers.duo.client import DuoClient, DuoConfig

from .conftest import BRON_OIN, DUO_OIN


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(url: str, *, timeout: float = 2.0, retries: int = 3) -> tuple[DuoClient, Sleeps]:
    sleeps = Sleeps()
    config = DuoConfig(base_url=url, doel_oin=DUO_OIN, timeout=timeout, retries=retries, backoff=0.5)
    return DuoClient(config, bron_oin=BRON_OIN, sleep=sleeps), sleeps
