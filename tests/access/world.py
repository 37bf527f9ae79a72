"""The world the generated access tests sweep: the ``tenants`` of tests/conftest.py, with five marked
persons whose dossiers hold a record of every kind a page or endpoint can show, seen from
municipality A:

- ``own, consent``: A's person, assigned to A's MB organisation, volunteer and school, with consent;
- ``own, no consent``: the same assignments, and only a withdrawn consent;
- ``other municipality``: B's person;
- ``moved here, consent``: a person of B transferred to A, with consent for the next municipality;
- ``moved here, no consent``: a person of B transferred to A without consent (only one for B's MB
  organisation).

Every person (the targets and the rest of the cast) carries markers: text that can only come from
one data category of that person (the family name for identity, the e-mail address for contact, the
BSN, and one timeline entry and MB note per category). A response leaks when it holds a marker of a
category the user may not see of that person (``categories_for``)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from koers.access.constants import DataCategory, Recipient, Role
from koers.access.models import Municipality, User
from koers.access.query import categories_for
from koers.avg.models import Restriction
from koers.begeleiding import services as mb
from koers.begeleiding.models import (
    Appointment,
    CallRecord,
    CaseMeetingItem,
    Extension,
    Invitation,
    Note,
    Referral,
    Task,
    VolunteerMatch,
    VolunteerReport,
)
from koers.duo.models import Notification, OutboxMessage
from koers.inburgering.constants import BelemmeringSoort, BoeteGrond, PipStatus
from koers.inburgering.models import Boete
from koers.inburgering.models.participatie import Belemmering
from koers.kwalitatief.models import FollowUpAction
from koers.lib import clock
from koers.ontzorgen.constants import ItemKind
from koers.ontzorgen.models import PaymentRun, PhaseOutStep
from koers.people.constants import AssignmentRole, EventKind, Phase
from koers.people.models import Person, TimelineEvent
from tests.begeleiding.factories import PURPOSE, session_in, social_map_entry, trajectory_in, volunteer_in
from tests.factories import AssignmentFactory, PersonFactory
from tests.inburgering.factories import BredeIntakeFactory, InburgeringsplichtFactory, PipVersieFactory
from tests.kwalitatief.factories import make_round, newcomer_interview
from tests.portaal.factories import portal_client
from tests.ontzorgen.factories import ArrangementFactory, PaymentAccountFactory, WithheldItemFactory
from tests.signals.factories import SignalFactory

from .factories import ConsentFactory, TransferFactory

MARKER = re.compile(r"zq[a-z_]+\d+q", re.IGNORECASE)


def category_marker(category: str, person: Person) -> str:
    return f"Zqtl{category}{person.pk}q"


@dataclass(frozen=True)
class Target:
    """A dossier the sweep aims at, and whether it belongs to the viewing municipality (A)."""

    label: str
    person: Person
    own: bool

    @property
    def municipality(self) -> Municipality:
        return self.person.municipality


@dataclass
class World:
    tenants: object
    targets: list[Target]
    markers: dict[str, tuple[int, DataCategory]] = field(default_factory=dict)
    bsns: dict[str, int] = field(default_factory=dict)

    @property
    def persons(self) -> list[Person]:
        """Everyone with a dossier: the targets and the rest of the cast."""
        return list(Person.objects.order_by("pk"))

    def target(self, label: str) -> Target:
        return next(t for t in self.targets if t.label == label)

    def found(self, text: str) -> set[tuple[int, DataCategory]]:
        """The (person id, category) of every marker in ``text``."""
        hits = {self.markers[m.lower()] for m in MARKER.findall(text) if m.lower() in self.markers}
        hits |= {(pk, DataCategory.BSN) for bsn, pk in self.bsns.items() if bsn in text}
        return hits


def mark(world: World, person: Person) -> None:
    """Give ``person`` a marker per data category, and register the markers."""
    person.family_name, person.email = f"Zqnaam{person.pk}q", f"zqpost{person.pk}q@example.org"
    person.save()
    world.markers[person.family_name.lower()] = (person.pk, DataCategory.IDENTITY)
    world.markers[person.email.split("@")[0]] = (person.pk, DataCategory.CONTACT)
    world.bsns[person.bsn] = person.pk
    for category in DataCategory:
        world.markers[category_marker(category, person).lower()] = (person.pk, DataCategory(category))
    TimelineEvent.objects.bulk_create(
        TimelineEvent(person=person, kind=EventKind.NOTE, category=c, title=category_marker(c, person))
        for c in DataCategory
    )


def assign_partners(tenant, person: Person) -> None:
    for organisation, user, role in (
        (tenant.mb_organisation, None, AssignmentRole.MB_BEGELEIDING),
        (tenant.mb_organisation, tenant.volunteer, AssignmentRole.VRIJWILLIGER),
        (tenant.school, None, AssignmentRole.TAALAANBIEDER),
    ):
        AssignmentFactory(person=person, organisation=organisation, user=user, role=role)


def new_person(tenant) -> Person:
    person = PersonFactory(municipality=tenant.municipality, consultant=tenant.consultant)
    assign_partners(tenant, person)
    return person


@dataclass
class Shared:
    """What a municipality's pages list: a volunteer, a social-map entry, a group session, a payment
    run and an interview round."""

    volunteer: object
    entry: object
    session: object
    interview_round: object


def shared_records(tenant) -> Shared:
    PaymentAccountFactory(municipality=tenant.municipality)
    PaymentRun.objects.create(
        municipality=tenant.municipality, month=dt.date(2026, 11, 1), execution_date=dt.date(2026, 11, 25),
        debtor_name=f"Gemeente {tenant.municipality}", debtor_iban="NL02ABNA0123456789",
        message_id=f"KOERS-{tenant.municipality.cbs_code}-202611-1", transaction_count=0, total=Decimal("0"),
        pain_xml=b"<Document/>", csv="",
    )
    return Shared(
        volunteer=volunteer_in(tenant.mb_organisation),
        entry=social_map_entry(tenant.municipality),
        session=session_in(tenant.municipality, tenant.consultant),
        interview_round=make_round(tenant.consultant, tenant.municipality),
    )


def mb_records(tenant, person: Person, shared: Shared) -> None:
    """A trajectory in its last phase, with a record of every kind the MB pages show."""
    actor = tenant.consultant
    trajectory = trajectory_in(Phase.AFRONDING, person, actor)
    mb.record_handover(actor=actor, trajectory=trajectory, summary="Redt zich goed.", interview_on=clock.today(),
                       purpose=PURPOSE)
    moment = timezone.make_aware(dt.datetime.combine(clock.today(), dt.time(10)))
    Appointment.objects.create(trajectory=trajectory, starts_at=moment, subject="Huisbezoek")
    Task.objects.create(trajectory=trajectory, title="Zorgverzekering regelen", due=clock.today())
    Note.objects.bulk_create(
        Note(trajectory=trajectory, category=c, text=category_marker(c, person)) for c in DataCategory
    )
    CallRecord.objects.create(trajectory=trajectory, called_on=clock.today(), outcome="bereikt_goed")
    Extension.objects.create(trajectory=trajectory, months=6, reason="Meer tijd nodig", requested_on=clock.today())
    match = VolunteerMatch.objects.create(volunteer=shared.volunteer, household=person.household,
                                          started_on=dt.date(2026, 10, 1))
    VolunteerReport.objects.create(match=match, person=person, written_on=clock.today(), text="Samen boodschappen")
    Referral.objects.create(person=person, organisation=shared.entry, reason="Schulden", consent_given_by="persoon",
                            consent_on=clock.today(), consent_for="Doorverwijzing")
    CaseMeetingItem.objects.create(person=person, meeting_on=dt.date(2026, 11, 1), question="Wat nu?")
    Invitation.objects.create(session=shared.session, person=person, language="ar")


def route_records(tenant, person: Person) -> None:
    """The legal route: duty, brede intake, a decided PIP, a fine, and DUO's messages."""
    InburgeringsplichtFactory(person=person)
    BredeIntakeFactory(person=person, conducted_by=tenant.consultant)
    PipVersieFactory(person=person, number=1, status=PipStatus.VASTGESTELD, dagtekening=dt.date(2026, 6, 1),
                     decided_by=tenant.consultant)
    Boete.objects.create(person=person, grond=BoeteGrond.choices[0][0], facts="Niet verschenen",
                         warning_date=dt.date(2026, 10, 1))
    OutboxMessage.objects.create(person=person, message_type="pip", operation_id="registreerPip",
                                 bericht_id=uuid.uuid4(), status=OutboxMessage.Status.FAILED)
    Notification.objects.create(person=person, message_id=uuid.uuid4(), event_code="SS122", bsn=person.bsn,
                                event_key=f"SS122:{person.bsn}",
                                sender_oin="00000001003214345000", recipient_oin=tenant.municipality.oin,
                                payload={}, status=Notification.Status.PROCESSED)


def other_records(tenant, person: Person, shared: Shared) -> None:
    arrangement = ArrangementFactory(household=person.household)
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.RENT)
    PhaseOutStep.objects.create(arrangement=arrangement, kind="zelf_betalen", description="Zelf de huur betalen",
                                due_date=dt.date(2027, 3, 1))
    SignalFactory(person=person)
    Belemmering.objects.create(person=person, soort=BelemmeringSoort.KINDEROPVANG, description="Wachtlijst",
                               since=dt.date(2026, 9, 1))
    Restriction.objects.create(person=person, reason="Verzoek betrokkene", starts_on=dt.date(2026, 1, 1),
                               lifted_on=dt.date(2026, 2, 1))
    interview = newcomer_interview(tenant.consultant, shared.interview_round, person)
    participant = interview.participants.get(person=person)
    FollowUpAction.objects.create(participant=participant, person=person, description="Kinderopvang zoeken",
                                  due=dt.date(2026, 12, 15))


def fill(tenant, person: Person, shared: Shared) -> None:
    route_records(tenant, person)
    mb_records(tenant, person, shared)
    other_records(tenant, person, shared)


def build_world(tenants) -> World:
    a, b = tenants.a, tenants.b
    own_unconsented = new_person(a)
    ConsentFactory(person=own_unconsented, organisations=[a.mb_organisation], withdrawn_on=dt.date(2026, 11, 1))
    moved_consented, moved_unconsented = new_person(b), new_person(b)
    for person in (moved_consented, moved_unconsented):
        TransferFactory(person=person, to_municipality=a.municipality)
    consent = ConsentFactory(
        person=moved_consented, recipients=[Recipient.NEXT_MUNICIPALITY],
        categories=[DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.EDUCATION_WORK],
    )
    moved_consented.transfers.update(consent=consent)
    ConsentFactory(person=moved_unconsented, organisations=[b.mb_organisation])
    world = World(tenants, [
        Target("own, consent", a.person, own=True),
        Target("own, no consent", own_unconsented, own=True),
        Target("other municipality", b.person, own=False),
        Target("moved here, consent", moved_consented, own=False),
        Target("moved here, no consent", moved_unconsented, own=False),
    ])
    shared = {a.municipality.pk: shared_records(a), b.municipality.pk: shared_records(b)}
    for target in world.targets:
        tenant = a if target.person.municipality_id == a.municipality.pk else b
        fill(tenant, target.person, shared[tenant.municipality.pk])
    for person in Person.objects.order_by("pk"):
        mark(world, person)
    return world


@dataclass
class Viewer:
    """Someone looking: a role of municipality A, the newcomer in the portal, or nobody logged in;
    ``allowed`` holds per person id the categories they may see."""

    label: str
    client: Client
    allowed: dict[int, frozenset[DataCategory]]
    user: User | None = None


def staff_viewer(world: World, role: Role) -> Viewer:
    user = world.tenants.a.user(role)
    client = Client()
    client.force_login(user)
    allowed = {p.pk: categories_for(user, p) for p in world.persons}
    return Viewer(role.value, client, allowed, user)


def viewers(world: World) -> list[Viewer]:
    """Every role of municipality A, the newcomer ``own, consent`` in the portal (all of their own
    data, nobody else's), and an anonymous visitor."""
    newcomer = world.target("own, consent").person
    nothing = {p.pk: frozenset() for p in world.persons}
    return [
        *(staff_viewer(world, role) for role in Role),
        Viewer("inburgeraar (portaal)", portal_client(newcomer), nothing | {newcomer.pk: frozenset(DataCategory)}),
        Viewer("anoniem", Client(), nothing),
    ]
