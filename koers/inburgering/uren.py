"""Hours followed, as the language provider reports them per period (normally a month), with excused
absence. A report for the same person, offer and period replaces the earlier figures (idempotent);
each replacement is on the timeline. A provider reports only for persons with an active assignment
of its organisation, and only on an offer at its own institution.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.people.constants import EventKind
from koers.people.models import Assignment, Person

from .models import Inburgeringsaanbod, Urenregistratie
from .route import OFFER_CATEGORY, add_event, dutch_date, provider_organisations

PURPOSE_REPORT = "Uren doorgeven (aanbieder)"
MAX_PERIOD_DAYS = 31
MAX_HOURS = Decimal("999.9")


@dataclass(frozen=True)
class HoursReport:
    period_start: dt.date
    period_end: dt.date
    hours_offered: Decimal
    hours_attended: Decimal
    hours_absent_excused: Decimal = Decimal(0)
    absence_note: str = ""


def report_errors(report: HoursReport, today: dt.date) -> dict[str, str]:
    """What is wrong with the figures themselves, per field (empty: nothing)."""
    errors: dict[str, str] = {}
    if report.period_end < report.period_start:
        errors["period_end"] = _("Het einde van de periode ligt vóór het begin.")
    elif (report.period_end - report.period_start).days >= MAX_PERIOD_DAYS:
        errors["period_end"] = _("Een periode is hooguit %(days)d dagen (een maand).") % {"days": MAX_PERIOD_DAYS}
    if report.period_start > today:
        errors["period_start"] = _("Uren kunnen pas worden doorgegeven als de periode is begonnen.")
    for name in ("hours_offered", "hours_attended", "hours_absent_excused"):
        value = getattr(report, name)
        if value < 0 or value > MAX_HOURS:
            errors[name] = _("Vul een aantal uren in tussen 0 en %(max)s.") % {"max": MAX_HOURS}
    if not errors and report.hours_attended + report.hours_absent_excused > report.hours_offered:
        errors["hours_attended"] = _(
            "Gevolgde uren en geoorloofd afwezige uren samen zijn meer dan de aangeboden uren."
        )
    return errors


def provider_students(user: User) -> QuerySet[Person]:
    """Persons with an active assignment of one of the user's language-provider organisations, in the
    municipalities those organisations serve."""
    from koers.access.query import visible_persons

    active = Assignment.objects.active().filter(organisation_id__in=provider_organisations(user))
    return visible_persons(user).filter(pk__in=active.values("person_id"))


def provider_offers(user: User, person_ids: Iterable[int]) -> QuerySet[Inburgeringsaanbod]:
    """Running offers of these persons at the user's own institutions."""
    return Inburgeringsaanbod.objects.filter(
        person_id__in=list(person_ids),
        instelling__organisation_id__in=provider_organisations(user),
        ended_on__isnull=True,
    ).select_related("instelling")


def offer_for(user: User, person: Person, aanbod_id: int | None) -> Inburgeringsaanbod:
    """The offer the provider reports on: the one named, or the person's only running offer at the
    provider's institution."""
    offers = provider_offers(user, [person.pk])
    if aanbod_id is not None:
        offer = offers.filter(pk=aanbod_id).first()
        if offer is None:
            raise ValidationError(
                {"aanbod": _("Dit inburgeringsaanbod bestaat niet of is niet bij jouw instelling.")}
            )
        return offer
    found = list(offers[:2])
    if len(found) != 1:
        raise ValidationError(
            {"aanbod": _("Deze persoon heeft geen lopend inburgeringsaanbod bij jouw instelling.")
             if not found else _("Deze persoon heeft meer dan één aanbod bij jouw instelling; kies het aanbod.")}
        )
    return found[0]


@dataclass(frozen=True)
class Recorded:
    registration: Urenregistratie
    created: bool
    replaced: dict[str, str]


def _figures(registration: Urenregistratie) -> dict[str, str]:
    return {
        "hours_offered": str(registration.hours_offered),
        "hours_attended": str(registration.hours_attended),
        "hours_absent_excused": str(registration.hours_absent_excused),
        "period_end": registration.period_end.isoformat(),
    }


def _store(person: Person, aanbod: Inburgeringsaanbod, report: HoursReport, organisation_id: int | None) -> Recorded:
    registration = (
        Urenregistratie.objects.select_for_update()
        .filter(person=person, aanbod=aanbod, period_start=report.period_start)
        .first()
    )
    created = registration is None
    previous = {} if created else _figures(registration)
    registration = registration or Urenregistratie(person=person, aanbod=aanbod, period_start=report.period_start)
    registration.period_end = report.period_end
    registration.hours_offered = report.hours_offered
    registration.hours_attended = report.hours_attended
    registration.hours_absent_excused = report.hours_absent_excused
    registration.absence_note = report.absence_note
    registration.reported_by_id = organisation_id
    registration.reported_at = clock.now()
    registration.save()
    return Recorded(registration, created, previous)


def _event(person: Person, result: Recorded, actor: User, channel: Channel) -> None:
    r = result.registration
    body = "Periode %(start)s t/m %(end)s: %(attended)s van %(offered)s uur gevolgd, %(excused)s uur geoorloofd afwezig." % {
        "start": dutch_date(r.period_start), "end": dutch_date(r.period_end), "attended": r.hours_attended,
        "offered": r.hours_offered, "excused": r.hours_absent_excused,
    }
    add_event(
        person,
        title="Gevolgde uren doorgegeven" if result.created else "Gevolgde uren vervangen",
        body=body,
        category=OFFER_CATEGORY,
        actor=actor,
        channel=channel,
        kind=EventKind.CHANGE,
        data={"urenregistratie": r.pk, "previous": result.replaced},
    )


def _total_to_duo(person: Person, actor: User) -> None:
    """The person's new total of hours on DUO's outbox, in this transaction (``koers.duo.uren``)."""
    from koers.duo import outbox
    from koers.duo.uren import report_total

    try:
        report_total(person, actor)
    except outbox.OutboxRefused as refused:
        raise ValidationError({"hours_attended": str(refused)}) from refused


@transaction.atomic
def report_hours(
    *,
    actor: User,
    person: Person,
    aanbod: Inburgeringsaanbod,
    report: HoursReport,
    channel: Channel,
    purpose: str = PURPOSE_REPORT,
    request=None,
) -> Recorded:
    """Store one report (replacing the same person, offer and period); the caller has checked that
    ``aanbod`` is the provider's (``offer_for``)."""
    errors = report_errors(report, clock.today())
    if errors:
        raise ValidationError(errors)
    result = _store(person, aanbod, report, aanbod.instelling.organisation_id)
    _event(person, result, actor, channel)
    _total_to_duo(person, actor)
    record(user=actor, action=Action.CREATE if result.created else Action.UPDATE, persons=[person],
           categories=[OFFER_CATEGORY], purpose=purpose, channel=channel, request=request,
           detail="" if result.created else "Eerder doorgegeven uren vervangen")
    return result


# -- CSV upload -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "persoon",
    "periode_vanaf",
    "periode_tot_en_met",
    "uren_aangeboden",
    "uren_gevolgd",
    "uren_geoorloofd_afwezig",
    "toelichting",
)
REQUIRED_COLUMNS = CSV_COLUMNS[:5]
MAX_CSV_ROWS = 2000
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True)
class CsvRow:
    line: int
    person: Person
    aanbod: Inburgeringsaanbod
    report: HoursReport


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def _date(text: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _hours(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".") or "0"
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value == value.quantize(Decimal("0.1")) else None


_LABELS = {
    "period_start": "periode_vanaf",
    "period_end": "periode_tot_en_met",
    "hours_offered": "uren_aangeboden",
    "hours_attended": "uren_gevolgd",
    "hours_absent_excused": "uren_geoorloofd_afwezig",
    "aanbod": "persoon",
}


def read_csv(data: bytes, user: User) -> tuple[list[CsvRow], list[RowError]]:
    """Parse an upload: every row checked, every error with its line number, in Dutch."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(0, _("Het bestand is geen tekstbestand in UTF-8."))]
    if "\x00" in text:
        return [], [RowError(0, _("Het bestand is geen tekstbestand in UTF-8."))]
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        return [], [RowError(1, _("Kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)})]
    reader.fieldnames = header
    raw = []
    errors: list[RowError] = []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_CSV_ROWS:
            return [], [RowError(number, _("Een bestand heeft hooguit %(max)d regels.") % {"max": MAX_CSV_ROWS})]
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        raw.append((number, {key: (row.get(key) or "").strip() for key in CSV_COLUMNS}))
    if not raw:
        return [], [RowError(0, _("Het bestand bevat geen regels met uren."))]
    ids = {int(values["persoon"]) for _, values in raw if values["persoon"].isdigit() and len(values["persoon"]) < 19}
    students = {p.pk: p for p in provider_students(user).filter(pk__in=ids)}
    offers: dict[int, list[Inburgeringsaanbod]] = defaultdict(list)
    for offer in provider_offers(user, students):
        offers[offer.person_id].append(offer)
    rows: list[CsvRow] = []
    seen: set[tuple[int, int, dt.date]] = set()
    today = clock.today()
    for number, values in raw:
        row_errors = _row_errors(values, students, offers, today)
        if isinstance(row_errors, list):
            errors.extend(RowError(number, message) for message in row_errors)
            continue
        key = (row_errors.person.pk, row_errors.aanbod.pk, row_errors.report.period_start)
        if key in seen:
            errors.append(RowError(number, _("Deze persoon en periode staan al eerder in het bestand.")))
            continue
        seen.add(key)
        rows.append(CsvRow(number, row_errors.person, row_errors.aanbod, row_errors.report))
    return rows, errors


@dataclass(frozen=True)
class _Parsed:
    person: Person
    aanbod: Inburgeringsaanbod
    report: HoursReport


def _row_errors(
    values: Mapping[str, str],
    students: Mapping[int, Person],
    offers: Mapping[int, list[Inburgeringsaanbod]],
    today: dt.date,
) -> _Parsed | list[str]:
    messages: list[str] = []
    person = students.get(int(values["persoon"])) if values["persoon"].isdigit() and len(values["persoon"]) < 19 else None
    if person is None:
        messages.append(_("Persoon %(id)s is geen cursist van jouw organisatie.") % {"id": values["persoon"] or "—"})
    elif len(offers.get(person.pk, [])) != 1:
        messages.append(_("Persoon %(id)s heeft geen (eenduidig) lopend inburgeringsaanbod bij jouw instelling.")
                        % {"id": person.pk})
    start, end = _date(values["periode_vanaf"]), _date(values["periode_tot_en_met"])
    if start is None:
        messages.append(_("periode_vanaf is geen datum (dag-maand-jaar)."))
    if end is None:
        messages.append(_("periode_tot_en_met is geen datum (dag-maand-jaar)."))
    hours = {}
    for column, name in (("uren_aangeboden", "hours_offered"), ("uren_gevolgd", "hours_attended"),
                         ("uren_geoorloofd_afwezig", "hours_absent_excused")):
        value = _hours(values[column])
        if value is None:
            messages.append(_("%(column)s is geen aantal uren (bijvoorbeeld 12 of 7,5).") % {"column": column})
        hours[name] = value
    if len(values["toelichting"]) > 300:
        messages.append(_("De toelichting is langer dan 300 tekens."))
    if messages:
        return messages
    report = HoursReport(start, end, hours["hours_offered"], hours["hours_attended"],
                         hours["hours_absent_excused"], values["toelichting"])
    problems = report_errors(report, today)
    if problems:
        return [f"{_LABELS[name]}: {message}" for name, message in problems.items()]
    return _Parsed(person, offers[person.pk][0], report)


@transaction.atomic
def import_rows(*, actor: User, rows: list[CsvRow], request=None) -> list[Recorded]:
    """Store every row of a checked upload, all or nothing, with one audit INSERT."""
    results = []
    for row in rows:
        result = _store(row.person, row.aanbod, row.report, row.aanbod.instelling.organisation_id)
        _event(row.person, result, actor, Channel.UI)
        results.append(result)
    for person in {row.person.pk: row.person for row in rows}.values():
        _total_to_duo(person, actor)
    record(user=actor, action=Action.UPDATE, persons=[row.person for row in rows], categories=[OFFER_CATEGORY],
           purpose="Scherm: uren uploaden (aanbieder)", channel=Channel.UI, request=request,
           detail=f"{len(rows)} regels uit een CSV-bestand")
    return results


# -- progress per month ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    offered: Decimal
    attended: Decimal
    excused: Decimal
    planned: Decimal | None
    norm_percent: int
    """The municipality's norm: below this share of the offered hours someone falls behind."""

    @property
    def percentage(self) -> int:
        return int(self.attended * 100 / self.offered) if self.offered else 0

    @property
    def behind(self) -> bool:
        """Less than the norm of the offered hours followed, leaving excused absence aside (the same rule
        as the signal ``inburgering.uren``)."""
        expected = self.offered - self.excused
        return expected > 0 and self.attended * 100 < expected * self.norm_percent


def monthly_progress(person: Person, norm_percent: int, months: int = 12) -> list[MonthRow]:
    """Hours per calendar month (newest first, the last ``months``), against the plan of the offer
    (planned hours a week times 52/12) and the municipality's norm."""
    totals: dict[dt.date, list[Decimal]] = {}
    planned: dict[dt.date, Decimal] = {}
    registrations = Urenregistratie.objects.filter(person=person).select_related("aanbod")
    for r in registrations:
        month = r.period_start.replace(day=1)
        figures = totals.setdefault(month, [Decimal(0), Decimal(0), Decimal(0)])
        figures[0] += r.hours_offered
        figures[1] += r.hours_attended
        figures[2] += r.hours_absent_excused
        if r.aanbod and r.aanbod.planned_hours_per_week:
            planned[month] = (r.aanbod.planned_hours_per_week * 52 / 12).quantize(Decimal("0.1"))
    return [
        MonthRow(month, *totals[month], planned.get(month), norm_percent)
        for month in sorted(totals, reverse=True)[:months]
    ]


def offers_of(person: Person) -> QuerySet[Inburgeringsaanbod]:
    return Inburgeringsaanbod.objects.filter(person=person).select_related("instelling")
