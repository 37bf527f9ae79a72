"""Demo data for financieel ontzorgen: a debtor account per municipality and, for asylum households
that have moved in, an arrangement with realistic fixed costs and a phase-out plan.

Payees are made up (no real company), and every IBAN is synthetic: valid check digits on the bank
code ``KOER``, which no bank uses, so no demo payment can ever reach a real account. Deterministic
and idempotent: households that already have an arrangement are left alone."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction

from koers.access.models import Municipality
from koers.audit.models import Channel
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.lib.dates import add_months
from koers.people.constants import HouseholdRelation, Phase, TargetGroup
from koers.people.models import HouseholdMember

from .advances import grant_advance, settle
from .constants import AdvanceKind, ItemKind, SettlementKind, StepKind, StepStatus
from .deadlines import LATE_MONTHS
from .models import Arrangement, PaymentAccount, PaymentRun, PhaseOutStep, WithheldItem
from .runs import first_of_month, items_due, mark_sent, prepare_run
from .validators import synthetic_iban

DEMO_BANK = "KOER"
BENEFIT_DELAY = dt.timedelta(days=14)
"""The first benefit payment follows BRP registration by about two weeks."""
RECENT = relativedelta(months=9)
PAST_STEPS = dt.timedelta(weeks=2)
PHASES = (Phase.REGELDAG, Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING)

DEMO = ChangeContext(None, "Demo: financieel ontzorgen", Channel.COMMAND)
RUN_LEAD = dt.timedelta(days=5)
"""Demo runs are made and sent five days before the month they pay."""
ALLOWANCE_DELAY = relativedelta(months=3)
"""The allowances arrive about three months after the first benefit payment."""

HOUSING = ("Woonstichting Vlietland", "Wooncorporatie Duin en Polder", "Stichting Woonkracht Zeeland")
ENERGY = ("Energie Noordzee", "Polderstroom Energie", "Groene Delta Energie")
WATER = ("Waterbedrijf Duinstreek", "Waterleiding Maatschappij Zuidwest")
HEALTH = ("Zorgverzekeraar Zuiderzee", "Zorgverzekering De Haven", "Onderlinge Zorgverzekeraar Kustland")


def demo_iban(*parts: int) -> str:
    """A synthetic Dutch IBAN from numbers: the same numbers always give the same account."""
    account = 0
    for part in parts:
        account = (account * 100_003 + part) % 10_000_000_000
    return synthetic_iban("NL", f"{DEMO_BANK}{account:010d}")


def ensure_accounts(municipalities: Iterable[Municipality]) -> None:
    for municipality in municipalities:
        PaymentAccount.objects.get_or_create(
            municipality=municipality,
            defaults={"name": f"Gemeente {municipality.name}", "iban": demo_iban(1, municipality.pk)},
        )


def _adults(household_id: int, members: list[HouseholdMember]) -> int:
    return max(
        1, sum(1 for m in members if m.relation in (HouseholdRelation.APPLICANT, HouseholdRelation.PARTNER))
    )


def _items(arrangement: Arrangement, rng: random.Random, adults: int, children: int) -> list[WithheldItem]:
    start = arrangement.start
    household = arrangement.household_id

    def item(kind: ItemKind, payee: str, amount: Decimal, reference: str, number: int) -> WithheldItem:
        return WithheldItem(
            arrangement=arrangement,
            kind=kind,
            payee_name=payee,
            payee_iban=demo_iban(2, number, len(payee)),
            amount=amount,
            reference=reference,
            valid_from=start,
        )

    rent = Decimal(rng.randrange(52_000, 76_000)) / 100 + 15 * children
    energy = Decimal(rng.randrange(9_000, 16_000, 500)) / 100 + 10 * (adults + children - 1)
    water = Decimal(rng.randrange(1_800, 3_200, 100)) / 100
    premium = Decimal(rng.randrange(14_200, 16_400)) / 100 * adults
    return [
        item(ItemKind.RENT, rng.choice(HOUSING), rent, f"HUUR {household:07d}", 10),
        item(ItemKind.ENERGY, rng.choice(ENERGY), energy, f"KLANT {rng.randrange(10**7, 10**8)}", 20),
        item(ItemKind.WATER, rng.choice(WATER), water, f"WATER {household:07d}", 30),
        item(
            ItemKind.HEALTH_INSURANCE, rng.choice(HEALTH), premium, f"POLIS {rng.randrange(10**8, 10**9)}", 40
        ),
    ]


def _steps(arrangement: Arrangement, energy: WithheldItem) -> list[PhaseOutStep]:
    start = arrangement.start
    return [
        PhaseOutStep(
            arrangement=arrangement,
            kind=StepKind.BUDGET_COACHING,
            description="Budgettraining: eerste les (geldzaken in Nederland)",
            due_date=start + relativedelta(months=2),
        ),
        PhaseOutStep(
            arrangement=arrangement,
            kind=StepKind.SELF_PAYMENT,
            description="Huishouden betaalt energie zelf",
            due_date=(start + relativedelta(months=4)).replace(day=1),
            item=energy,
        ),
        PhaseOutStep(
            arrangement=arrangement,
            kind=StepKind.BUDGET_COACHING,
            description="Budgetcoaching: eindgesprek en overdracht aan het huishouden",
            due_date=start + relativedelta(months=5),
        ),
    ]


def _done_before(steps: list[PhaseOutStep], day: dt.date) -> list[PhaseOutStep]:
    """Steps well in the past went as planned; a fixed cost the household took over is no longer
    withheld from that step's date on."""
    for step in steps:
        if step.due_date < day:
            step.status = StepStatus.DONE
            if step.item is not None:
                step.item.valid_until = max(step.item.valid_from, step.due_date - dt.timedelta(days=1))
                step.item.save(update_fields=["valid_until"])
    return steps


@transaction.atomic
def give_demo_arrangements(municipalities: Iterable[Municipality], today: dt.date, seed: int) -> int:
    """Arrangements for the asylum households of ``municipalities`` whose applicant registered in
    the BRP in the nine months before ``today`` and is in the regeldag or MB phases. Returns how
    many arrangements it made."""
    municipalities = list(municipalities)
    ensure_accounts(municipalities)
    applicants = (
        HouseholdMember.objects.filter(
            relation=HouseholdRelation.APPLICANT,
            person__municipality__in=municipalities,
            person__target_group=TargetGroup.ASIEL,
            person__phase__in=PHASES,
            person__brp_registration_date__gte=today - RECENT,
            person__brp_registration_date__lte=today,
        )
        .exclude(household__ontzorgen__isnull=False)
        .select_related("person", "household")
        .order_by("household_id")
    )
    applicants = list(applicants)
    members: dict[int, list[HouseholdMember]] = {}
    for member in HouseholdMember.objects.filter(household_id__in=[a.household_id for a in applicants]):
        members.setdefault(member.household_id, []).append(member)
    made = 0
    for applicant in applicants:
        rng = random.Random(seed * 1_000_003 + applicant.household_id)
        household_members = members.get(applicant.household_id, [])
        children = sum(1 for m in household_members if m.relation == HouseholdRelation.CHILD)
        arrangement = Arrangement.objects.create(
            household=applicant.household,
            start=applicant.person.brp_registration_date + BENEFIT_DELAY,
        )
        items = WithheldItem.objects.bulk_create(
            _items(arrangement, rng, _adults(applicant.household_id, household_members), children)
        )
        PhaseOutStep.objects.bulk_create(_done_before(_steps(arrangement, items[1]), today - PAST_STEPS))
        _advance(arrangement, rng, today)
        made += 1
    _send_recent_runs(municipalities, today)
    return made


def _advance(arrangement: Arrangement, rng: random.Random, today: dt.date) -> None:
    """Most households get an advance on their allowances a week after the first benefit payment,
    settled once the allowances came; some get a bridging loan repaid from the benefit instead."""
    paid_on = arrangement.start + dt.timedelta(days=7)
    if paid_on > today or rng.random() < 0.3:
        return
    loan = rng.random() < 0.25
    amount = Decimal(rng.randrange(25, 61) * 10)
    advance = grant_advance(
        arrangement=arrangement,
        data={
            "kind": AdvanceKind.BRIDGING_LOAN if loan else AdvanceKind.ADVANCE,
            "reason": "Zorgtoeslag en huurtoeslag nog niet ontvangen",
            "amount": amount,
            "paid_on": paid_on,
            "settle_by": paid_on + (relativedelta(months=10) if loan else ALLOWANCE_DELAY),
            "instalment": amount / 10 if loan else None,
        },
        by=DEMO,
    )
    arrived = arrangement.start + ALLOWANCE_DELAY
    if not loan and arrived <= today:
        settle(advance=advance, data={"on": arrived, "amount": amount, "kind": SettlementKind.ALLOWANCE,
                                      "note": "Eerste toeslagen ontvangen"}, by=DEMO)


def _send_recent_runs(municipalities: list[Municipality], today: dt.date) -> None:
    """The payment runs of the last months, made and sent on time, so that the demo has no late
    payments it did not choose."""
    this_month = first_of_month(today)
    for municipality in municipalities:
        for month in sorted(add_months(this_month, -back) for back in range(LATE_MONTHS)):
            if PaymentRun.objects.filter(municipality=municipality, month=month).exists():
                continue
            with clock.frozen(month - RUN_LEAD):
                if items_due(municipality, month):
                    mark_sent(run=prepare_run(municipality=municipality, month=month, by=DEMO).run, by=DEMO)
