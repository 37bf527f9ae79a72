"""Prepare the ontzorgen payment run of a municipality for a month (for a scheduled job). Running it
again for the same month changes nothing: it reports the run already there."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.access.models import Municipality
from koers.audit.models import Channel
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.lib.dates import add_months
from koers.ontzorgen.runs import first_of_month, prepare_run

PURPOSE = "Beheeropdracht: betaalronde ontzorgen"


def month_argument(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"Geen maand: {value!r}. Gebruik jaar-maand, bijvoorbeeld 2026-12.") from None


class Command(BaseCommand):
    help = "Maak de betaalronde ontzorgen van een gemeente voor een maand (standaard volgende maand)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente", required=True, help="CBS-code van de gemeente, bijvoorbeeld 1916.")
        parser.add_argument("--maand", help="Jaar-maand, bijvoorbeeld 2026-12 (standaard: volgende maand).")

    def handle(self, *args, **options) -> None:
        municipality = Municipality.objects.filter(cbs_code=options["gemeente"]).first()
        if municipality is None:
            raise CommandError(f"Geen gemeente met CBS-code {options['gemeente']!r}.")
        month = (
            month_argument(options["maand"])
            if options["maand"]
            else add_months(first_of_month(clock.today()), 1)
        )
        try:
            prepared = prepare_run(
                municipality=municipality, month=month, by=ChangeContext(None, PURPOSE, Channel.COMMAND)
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        run = prepared.run
        verb = "Aangemaakt" if prepared.created else "Bestond al"
        self.stdout.write(
            f"{verb}: betaalronde {run.message_id}, {run.transaction_count} betalingen, totaal EUR {run.total}, "
            f"aflossingen van voorschotten EUR {run.repayment_total}."
        )
