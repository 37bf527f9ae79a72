"""``koers duo-events``: the handler of every DUO event code as Markdown (``docs/duo-events.md``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import translation

from koers.duo.eventdoc import events_markdown


class Command(BaseCommand):
    help = "Prints what Koers does with each of DUO's event codes (docs/duo-events.md) as Markdown."

    def handle(self, *args, **options) -> None:
        with translation.override("nl"):
            self.stdout.write(events_markdown(), ending="")
