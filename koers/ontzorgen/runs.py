"""The monthly payment run: which items are paid, the pain.001 credit transfer for the bank (made by
the ``sepaxml`` library and validated against the XSD it ships) and the CSV for the benefits system.

A run for a month pays every withheld item in force on the first day of that month, of every
arrangement running on that day: an arrangement of six months thus pays six months, whatever day it
starts. A run is made once: asking again for the same month returns the run already there. Only a
run not yet sent to the bank can be cancelled (with a reason), after which a new one may be made.

A run also withholds the monthly instalments of advances and bridging loans (``advances``): they are
in the CSV for the benefits system, never in the pain.001 (the money stays with the municipality),
and are settled when the run is sent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from koers.access.constants import DataCategory, Role
from koers.access.models import Municipality, User
from koers.access.query import municipalities_with
from koers.audit.log import record
from koers.audit.models import Action
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.lib.dates import add_months
from koers.lib.records import recorded
from koers.people.constants import EventKind
from koers.people.models import Household, Person, TimelineEvent

from .advances import ZERO, repayments_due, settle_repayments
from .constants import PAIN_SCHEMA, RunStatus, SettlementKind
from .models import Advance, PaymentAccount, PaymentLine, PaymentRun, RepaymentLine, WithheldItem
from .services import main_persons, month_text

RUN_ROLES = frozenset({Role.CONSULTANT, Role.FUNCTIONAL_ADMIN})
ACCOUNT_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})
CURRENCY = "EUR"
CSV_HEADER = (
    "maand",
    "huishouden",
    "persoon",
    "bsn",
    "soort",
    "omschrijving",
    "begunstigde",
    "iban",
    "bedrag",
    "kenmerk",
    "end_to_end_id",
)
REPAYMENT_KIND = SettlementKind.REPAYMENT.value
EARLIEST_MONTHS_BACK = 12
LATEST_MONTHS_AHEAD = 3


def run_municipalities(user: User) -> frozenset[int]:
    """Municipalities whose payment runs the user may prepare, see and download."""
    return municipalities_with(user, RUN_ROLES)


def account_municipalities(user: User) -> frozenset[int]:
    """Municipalities whose debtor account the user keeps (the functional administrator)."""
    return municipalities_with(user, ACCOUNT_ROLES)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def check_month(month: dt.date, today: dt.date) -> None:
    """A run is made for a month from a year back up to three months ahead."""
    if month.day != 1:
        raise ValueError("A payment run's month is its first day.")
    earliest = add_months(first_of_month(today), -EARLIEST_MONTHS_BACK)
    latest = add_months(first_of_month(today), LATEST_MONTHS_AHEAD)
    if not earliest <= month <= latest:
        raise ValidationError(
            _("Kies een maand van %(earliest)s tot en met %(latest)s.")
            % {"earliest": month_text(earliest), "latest": month_text(latest)}
        )


def items_due(municipality: Municipality, month: dt.date) -> list[WithheldItem]:
    """The items the run of ``month`` pays: in force on its first day, of an arrangement running then."""
    items = (
        WithheldItem.objects.in_force_on(month)
        .filter(arrangement__household__municipality=municipality, arrangement__start__lte=month)
        .select_related("arrangement__household")
        .prefetch_related("arrangement__extensions")
        .order_by("arrangement__household__name", "arrangement_id", "kind", "id")
    )
    return [item for item in items if item.arrangement.runs_on(month)]


def execution_date(account: PaymentAccount, month: dt.date, today: dt.date) -> dt.date:
    """The account's execution day in that month, or today when that day has passed."""
    return max(month.replace(day=account.execution_day), today)


def remittance(item: WithheldItem, month: dt.date) -> str:
    parts = [item.reference.strip(), item.label, f"{month:%m-%Y}"]
    return " ".join(p for p in parts if p)[:140]


@dataclass(frozen=True)
class Speaker:
    """Who a line of a run is about: the household and the dossier that speaks for it."""

    household: Household
    person: Person | None

    def fields(self) -> dict:
        person = self.person
        return {
            "household": self.household,
            "household_name": self.household.name,
            "person": person,
            "person_name": person.full_name if person else "",
            "bsn": person.bsn if person else "",
        }


def speakers(households: Iterable[Household]) -> dict[int, Speaker]:
    households = {h.pk: h for h in households}
    persons = main_persons(households)
    return {pk: Speaker(household, persons.get(pk)) for pk, household in households.items()}


def snapshot_lines(items: list[WithheldItem], month: dt.date, message_id: str) -> list[PaymentLine]:
    about = speakers(item.arrangement.household for item in items)
    return [
        PaymentLine(
            item=item,
            **about[item.arrangement.household_id].fields(),
            kind=item.kind,
            label=item.label,
            payee_name=item.payee_name,
            payee_iban=item.payee_iban,
            payee_bic=item.payee_bic,
            amount=item.amount,
            remittance=remittance(item, month),
            end_to_end_id=f"{message_id}-{number}",
        )
        for number, item in enumerate(items, start=1)
    ]


def snapshot_repayments(due: list[tuple[Advance, Decimal]], message_id: str) -> list[RepaymentLine]:
    about = speakers(advance.arrangement.household for advance, _amount in due)
    return [
        RepaymentLine(
            advance=advance,
            **about[advance.arrangement.household_id].fields(),
            label=f"Aflossing {recorded(advance.get_kind_display()).lower()} van {advance.paid_on:%d-%m-%Y}",
            amount=amount,
            reference=f"{message_id}-A{number}",
        )
        for number, (advance, amount) in enumerate(due, start=1)
    ]


def cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_exact())


class CreditTransfer(SepaTransfer):
    """sepaxml's pain.001 with Koers's own message id and creation moment (from Koers's clock)."""

    def __init__(self, config: dict, *, message_id: str, created_at: dt.datetime) -> None:
        super().__init__(config, schema=PAIN_SCHEMA)
        header = self._xml.find("CstmrCdtTrfInitn/GrpHdr")
        header.find("MsgId").text = message_id
        header.find("CreDtTm").text = timezone.localtime(created_at).strftime("%Y-%m-%dT%H:%M:%S")
        self.msg_id = message_id


def pain_001(run: PaymentRun, lines: list[PaymentLine], *, validate: bool = True) -> bytes:
    """The credit transfer file, validated by sepaxml against its bundled pain.001.001.03 XSD
    (``export(validate=True)`` raises ``sepaxml.validation.ValidationError`` on an invalid file)."""
    config = {"name": run.debtor_name, "IBAN": run.debtor_iban, "batch": True, "currency": CURRENCY}
    if run.debtor_bic:
        config["BIC"] = run.debtor_bic
    transfer = CreditTransfer(config, message_id=run.message_id, created_at=run.created_at)
    for line in lines:
        payment = {
            "name": line.payee_name,
            "IBAN": line.payee_iban,
            "amount": cents(line.amount),
            "execution_date": run.execution_date,
            "description": line.remittance,
            "endtoend_id": line.end_to_end_id,
        }
        if line.payee_bic:
            payment["BIC"] = line.payee_bic
        transfer.add_payment(payment)
    return transfer.export(validate=validate)


def benefits_csv(run: PaymentRun, lines: list[PaymentLine], repayments: list[RepaymentLine]) -> str:
    """What the benefits system withholds: one row per payment, then one per instalment of an advance
    (kind ``aflossing``, paid to the municipality's own account), ``;``-separated, amounts with a
    decimal point. The BSN column stays empty when the municipality's policy leaves it out."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    month = f"{run.month:%Y-%m}"
    for line in lines:
        writer.writerow(
            (month, line.household_name, line.person_name, line.bsn if run.csv_has_bsn else "", line.kind,
             line.label, line.payee_name, line.payee_iban, f"{line.amount:.2f}", line.remittance,
             line.end_to_end_id)
        )
    for line in repayments:
        writer.writerow(
            (month, line.household_name, line.person_name, line.bsn if run.csv_has_bsn else "", REPAYMENT_KIND,
             line.label, run.debtor_name, run.debtor_iban, f"{line.amount:.2f}", line.label, line.reference)
        )
    return out.getvalue()


def current_run(municipality: Municipality, month: dt.date) -> PaymentRun | None:
    return (
        PaymentRun.objects.filter(municipality=municipality, month=month)
        .exclude(status=RunStatus.CANCELLED)
        .first()
    )


def next_message_id(municipality: Municipality, month: dt.date) -> str:
    earlier = PaymentRun.objects.filter(municipality=municipality, month=month).count()
    return f"KOERS-{municipality.cbs_code}-{month:%Y%m}-{earlier + 1}"


@dataclass(frozen=True)
class Prepared:
    run: PaymentRun
    created: bool


def prepare_run(
    *,
    municipality: Municipality,
    month: dt.date,
    by: ChangeContext,
) -> Prepared:
    """The run of ``municipality`` for ``month``: the one already there (not cancelled), or a new one
    made in one transaction. Never two: the database refuses a second run for the same month."""
    today = clock.today()
    check_month(month, today)
    existing = current_run(municipality, month)
    if existing is not None:
        return Prepared(existing, False)
    account = PaymentAccount.objects.filter(municipality=municipality).first()
    if account is None:
        raise ValidationError(
            _(
                "%(municipality)s heeft nog geen betaalrekening voor ontzorgen. De functioneel beheerder stelt die in."
            )
            % {"municipality": municipality.name}
        )
    items = items_due(municipality, month)
    if not items:
        raise ValidationError(
            _("In %(month)s zijn er geen vaste lasten te betalen.") % {"month": month_text(month)}
        )
    try:
        with transaction.atomic():
            run = _create_run(municipality, month, account, items, by.actor, today)
    except IntegrityError:
        existing = current_run(municipality, month)
        if existing is None:
            raise
        return Prepared(existing, False)
    _record_run(
        run,
        action=Action.CREATE,
        by=by,
        detail=f"Betaalronde {run.message_id}",
    )
    return Prepared(run, True)


def _create_run(
    municipality: Municipality,
    month: dt.date,
    account: PaymentAccount,
    items: list[WithheldItem],
    actor: User | None,
    today: dt.date,
) -> PaymentRun:
    message_id = next_message_id(municipality, month)
    lines = snapshot_lines(items, month, message_id)
    repayments = snapshot_repayments(repayments_due(municipality, month), message_id)
    run = PaymentRun(
        municipality=municipality,
        month=month,
        execution_date=execution_date(account, month, today),
        debtor_name=account.name,
        debtor_iban=account.iban,
        debtor_bic=account.bic,
        message_id=message_id,
        transaction_count=len(lines),
        total=sum((line.amount for line in lines), ZERO),
        repayment_total=sum((line.amount for line in repayments), ZERO),
        csv_has_bsn=account.csv_includes_bsn,
        created_at=clock.now(),
        created_by=actor,
    )
    run.pain_xml = pain_001(run, lines)
    run.csv = benefits_csv(run, lines, repayments)
    run.save()
    for line in [*lines, *repayments]:
        line.run = run
    PaymentLine.objects.bulk_create(lines)
    RepaymentLine.objects.bulk_create(repayments)
    return run


def rewrite_files(run: PaymentRun) -> None:
    """Make the run's files again from its lines as they are now, in the order they were made. After an
    anonymisation the name, BSN and private payee of an anonymised person are gone from the files as
    from the lines; the pain.001 is then a record of what was paid, no longer a file a bank takes
    (an account number may be removed), so it is not validated."""
    lines = list(run.lines.order_by("id"))
    repayments = list(run.repayments.order_by("id"))
    PaymentRun.objects.filter(pk=run.pk).update(
        pain_xml=pain_001(run, lines, validate=False), csv=benefits_csv(run, lines, repayments)
    )


def run_persons(run: PaymentRun) -> list[Person]:
    """Everyone a run pays for or withholds from (the dossier speaking for each household)."""
    seen = {}
    for line in [*run.lines.select_related("person"), *run.repayments.select_related("person")]:
        if line.person is not None:
            seen.setdefault(line.person.pk, line.person)
    return list(seen.values())


def _lock_prepared(run: PaymentRun) -> PaymentRun:
    """The run, locked for this transaction; refused once it is sent or cancelled."""
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.PREPARED:
        raise ValidationError(_("Deze betaalronde is al verzonden of geannuleerd en verandert niet meer."))
    return run


def _record_run(
    run: PaymentRun, *, action: Action, by: ChangeContext, detail: str
) -> None:
    """One audit entry for a step of ``run``, naming every household member it pays for."""
    record(action=action, persons=run_persons(run), categories=[DataCategory.FINANCE], detail=detail,
           **by.audit_arguments())


@transaction.atomic
def cancel_run(
    *, run: PaymentRun, reason: str, by: ChangeContext
) -> PaymentRun:
    run = _lock_prepared(run)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Geef de reden van de annulering."))
    run.status = RunStatus.CANCELLED
    run.cancelled_at, run.cancelled_by, run.cancel_reason = clock.now(), by.actor, reason[:300]
    run.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    _record_run(
        run,
        action=Action.UPDATE,
        by=by,
        detail=f"Betaalronde {run.message_id} geannuleerd",
    )
    return run


@transaction.atomic
def mark_sent(*, run: PaymentRun, by: ChangeContext) -> PaymentRun:
    """The file went to the bank: from now on the run is frozen, its instalments of advances are
    settled, and each household's dossier says which fixed costs were paid that month."""
    run = _lock_prepared(run)
    run.status = RunStatus.SENT
    run.sent_at, run.sent_by = clock.now(), by.actor
    run.save(update_fields=["status", "sent_at", "sent_by"])
    repayments = list(run.repayments.all())
    settle_repayments(repayments, run.execution_date, by, f"Betaalronde {run.message_id}")
    paid: dict[int, list[str]] = {}
    withheld: dict[int, list[str]] = {}
    for line in run.lines.all():
        paid.setdefault(line.person_id, []).append(f"{line.label}: € {line.amount} aan {line.payee_name}")
    for line in repayments:
        withheld.setdefault(line.person_id, []).append(f"{line.label}: € {line.amount} ingehouden")
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            person_id=person_id,
            kind=EventKind.STATUS,
            category=DataCategory.FINANCE,
            title=(f"Vaste lasten betaald voor {month_text(run.month)}" if person_id in paid
                   else f"Aflossing ingehouden voor {month_text(run.month)}"),
            body="; ".join([*paid.get(person_id, []), *withheld.get(person_id, [])]),
            actor=by.actor,
            source=by.event_source,
            data={"betaalronde": run.pk},
        )
        for person_id in sorted((set(paid) | set(withheld)) - {None})
    )
    _record_run(
        run,
        action=Action.UPDATE,
        by=by,
        detail=f"Betaalronde {run.message_id} verzonden naar de bank",
    )
    return run
