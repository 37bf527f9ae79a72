"""Advances and bridging loans (voorschotten en overbruggingsleningen).

The national allowances (toeslagen) arrive months after the first benefit payment, so in the first
months little living money is left once the fixed costs are withheld. The municipality then pays the
household ahead: an advance on the allowances, or a bridging loan. Each is tracked until it is
settled: with the allowance once it arrived, by a monthly instalment withheld from the benefit (the
payment run lists it for the benefits system and settles it when the run is sent), or by remission.

What is settled plus what a run not yet sent will withhold never exceeds the amount, so a run can
never withhold more than is owed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from koers.access.models import Municipality
from koers.audit.models import Action
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.lib.records import recorded
from koers.lib.sql import in_lists
from koers.people.constants import EventKind

from .constants import ADVANCE_FIELDS, SETTLEMENT_FIELDS, AdvanceKind, RunStatus, SettlementKind
from .models import Advance, Arrangement, RepaymentLine, Settlement
from .services import _only_fields, _write, add_part, check_within, day_text

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Balance:
    """Where an advance stands: its amount, what is settled, and what a run not yet sent withholds."""

    amount: Decimal
    settled: Decimal = ZERO
    pending: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.settled

    @property
    def free(self) -> Decimal:
        """What may still be settled or put in a run."""
        return self.amount - self.settled - self.pending

    @property
    def is_settled(self) -> bool:
        return self.outstanding <= ZERO


def _sums(rows, key: str) -> dict[int, Decimal]:
    return {row[key]: row["total"] for row in rows.values(key).annotate(total=Sum("amount"))}


def balances(advances: Iterable[Advance]) -> dict[int, Balance]:
    """The balance of each advance, in two queries per ``IN_LIST_SIZE`` advances (the deadlines ask it
    for every advance in the country)."""
    advances = list(advances)
    settled: dict[int, Decimal] = {}
    pending: dict[int, Decimal] = {}
    for ids in in_lists(a.pk for a in advances):
        settled |= _sums(Settlement.objects.filter(advance_id__in=ids), "advance_id")
        pending |= _sums(
            RepaymentLine.objects.filter(advance_id__in=ids, run__status=RunStatus.PREPARED), "advance_id"
        )
    return {a.pk: Balance(a.amount, settled.get(a.pk, ZERO), pending.get(a.pk, ZERO)) for a in advances}


def balance(advance: Advance) -> Balance:
    return balances([advance])[advance.pk]


def money(amount: Decimal) -> str:
    return f"€ {amount:.2f}".replace(".", ",")


def _check_advance(arrangement: Arrangement, advance: Advance) -> None:
    check_within(arrangement, advance.paid_on, "paid_on")
    if advance.paid_on > clock.today():
        raise ValidationError({"paid_on": _("Een voorschot leg je vast als het is uitbetaald, niet vooraf.")})
    if advance.kind == AdvanceKind.BRIDGING_LOAN and advance.instalment is None:
        raise ValidationError({"instalment": _("Geef het bedrag dat elke maand wordt afgelost.")})
    if advance.instalment is not None and advance.instalment > advance.amount:
        raise ValidationError({"instalment": _("De aflossing per maand is hoger dan het hele bedrag.")})


@transaction.atomic
def grant_advance(*, arrangement: Arrangement, data: Mapping[str, Any], by: ChangeContext) -> Advance:
    """Record an advance or bridging loan paid to the household."""
    return add_part(
        arrangement,
        Advance,
        {**data, "created_by": by.actor},
        key="advance",
        fields=(*ADVANCE_FIELDS, "created_by"),
        check=_check_advance,
        describe=lambda advance: (
            f"{recorded(advance.get_kind_display())} verstrekt: {money(advance.amount)}",
            f"Uitbetaald op {day_text(advance.paid_on)}; verrekenen uiterlijk {day_text(advance.settle_by)}. "
            + (f"Aflossing {money(advance.instalment)} per maand. " if advance.instalment else "")
            + f"Reden: {advance.reason}",
        ),
        by=by,
    )


@transaction.atomic
def settle(*, advance: Advance, data: Mapping[str, Any], by: ChangeContext) -> Settlement:
    """Record that (part of) ``advance`` is settled. Refused in Dutch, and nothing stored, when it
    is more than is still open or the date is impossible; a remission needs its reason."""
    _only_fields(data, SETTLEMENT_FIELDS, "a settlement")
    advance = Advance.objects.select_for_update().select_related("arrangement__household").get(pk=advance.pk)
    settlement = Settlement(advance=advance, created_by=by.actor, **data)
    settlement.full_clean(exclude=["advance", "run"])
    if not advance.paid_on <= settlement.on <= clock.today():
        raise ValidationError(
            {"on": _("Kies een datum vanaf %(paid)s tot en met vandaag.") % {"paid": day_text(advance.paid_on)}}
        )
    if settlement.kind == SettlementKind.REMISSION and not settlement.note.strip():
        raise ValidationError({"note": _("Geef de reden van de kwijtschelding.")})
    open_amount = balance(advance)
    if settlement.amount > open_amount.free:
        raise ValidationError(
            {"amount": _settle_limit_message(open_amount)}
        )
    settlement.save()
    _write(
        advance.arrangement,
        by=by,
        kind=EventKind.CHANGE,
        title=f"{recorded(advance.get_kind_display())} verrekend: {money(settlement.amount)}",
        body=f"{recorded(settlement.get_kind_display())} op {day_text(settlement.on)}. "
        f"Nog open: {money(open_amount.outstanding - settlement.amount)}."
        + (f" {settlement.note}" if settlement.note else ""),
        action=Action.UPDATE,
        data={"advance": advance.pk, "settlement": settlement.pk},
    )
    return settlement


def _settle_limit_message(open_amount: Balance) -> str:
    if open_amount.pending:
        return _(
            "Er staat nog %(open)s open, waarvan %(pending)s al in een betaalronde die nog niet is verzonden. "
            "Je kunt nu hoogstens %(free)s verrekenen."
        ) % {
            "open": money(open_amount.outstanding),
            "pending": money(open_amount.pending),
            "free": money(max(open_amount.free, ZERO)),
        }
    return _("Er staat nog %(open)s open; meer kan niet worden verrekend.") % {
        "open": money(max(open_amount.outstanding, ZERO))
    }


def repayments_due(municipality: Municipality, month: dt.date) -> list[tuple[Advance, Decimal]]:
    """The instalments the run of ``month`` withholds: of every advance with an instalment, paid before
    that month, of an arrangement of ``municipality`` running on its first day; never more than is
    still free. Locks the advances for the transaction that makes the run."""
    advances = [
        advance
        for advance in Advance.objects.select_for_update(of=("self",))
        .filter(
            arrangement__household__municipality=municipality,
            arrangement__start__lte=month,
            instalment__isnull=False,
            paid_on__lt=month,
        )
        .select_related("arrangement__household")
        .prefetch_related("arrangement__extensions")
        .order_by("arrangement__household__name", "paid_on", "id")
        if advance.arrangement.runs_on(month)
    ]
    found = balances(advances)
    due = [(advance, min(advance.instalment, found[advance.pk].free)) for advance in advances]
    return [(advance, amount) for advance, amount in due if amount > ZERO]


def settle_repayments(lines: Iterable[RepaymentLine], on: dt.date, by: ChangeContext, note: str) -> None:
    """The run was sent: each of its instalments is settled."""
    Settlement.objects.bulk_create(
        Settlement(advance_id=line.advance_id, on=on, amount=line.amount, kind=SettlementKind.REPAYMENT,
                   note=note, run_id=line.run_id, created_by=by.actor)
        for line in lines
    )
