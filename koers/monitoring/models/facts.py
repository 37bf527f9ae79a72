"""The facts tables: what the dashboards count, one narrow row per person (``PersonFacts``) and a row
per event where one per person is not enough (exams, extensions, fines, MB phases and closings,
ontzorgen: ``EventFacts``; hours: ``HoursFacts``; MB and buddy assignments: ``AssignmentFacts``).

Every row carries the person's dimensions (municipality, gender, date of birth, target group, country
of origin, literacy), so a figure is one GROUP BY over one table. The rows are derived data: never
edited, only rebuilt from the dossier by ``koers.monitoring.facts`` (per changed person, and in bulk
each night). They hold no names, no BSN and no link the dossier's cascade follows: a person's rows go
when the person's facts are refreshed after the person is gone.

Where a figure counts *people* over events in a period, ``previous_day`` (the day of the person's
previous event of the same kind and series) lets it count each person once without COUNT(DISTINCT):
a person is counted at their first event in the period, the one whose previous event (if any) lies
before the period.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality
from koers.lib import clock
from koers.people.constants import Phase

DIMENSION_FIELDS = ("gender", "date_of_birth", "target_group", "country_of_origin", "literacy")


def covering(name: str, day: str, also: tuple[str, ...] = (), kind: str = "") -> list[models.Index]:
    """Two indexes a figure reads without the table: what it selects on (``kind`` and the ``day`` in the
    period), the municipality, the dimensions (what it breaks down and filters by) and ``also`` (what it
    counts). One leads with the municipality, for the dashboard of one municipality or a region; the
    other with the day, for all municipalities (then no municipality is selected on, and the database
    reads the period's part of the index in parallel). Plain key columns rather than INCLUDE, so that
    SQLite uses them the same way."""
    lead = [kind] if kind else []
    return [
        models.Index(fields=[*lead, "municipality", day, *DIMENSION_FIELDS, *also], name=f"{name}_m"),
        models.Index(fields=[*lead, day, "municipality", *DIMENSION_FIELDS, *also], name=f"{name}_d"),
    ]


class FactsRow(models.Model):
    """The person a row is about, and the dimensions every figure breaks down and filters by."""

    person_id = models.BigIntegerField(db_index=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    gender = models.CharField(max_length=1)
    date_of_birth = models.DateField()
    target_group = models.CharField(max_length=10)
    country_of_origin = models.CharField(max_length=2)
    literacy = models.CharField(max_length=15)

    class Meta:
        abstract = True


class PersonFacts(FactsRow):
    """One row per person: the days of the chain's steps and the state today."""

    person_id = models.BigIntegerField(primary_key=True)
    phase = models.CharField(max_length=25)
    consultant_id = models.BigIntegerField(null=True)
    koppeling_date = models.DateField()
    brp_registration_date = models.DateField(null=True)
    leerroute_term_start = models.DateField(null=True)
    first_intake_on = models.DateField(null=True, help_text="gesprek van de eerste afgeronde brede intake")
    first_pip_on = models.DateField(null=True, help_text="dagtekening van het eerste vastgestelde PIP")
    current_pip_on = models.DateField(null=True, help_text="dagtekening van het geldende PIP")
    current_leerroute = models.CharField(max_length=1, blank=True)
    first_offer_on = models.DateField(null=True, help_text="datum van het eerste inburgeringsaanbod")
    first_regeldag_on = models.DateField(null=True, help_text="eerste regeldag in een MB-traject")
    duty_status = models.CharField(max_length=15, blank=True)
    duty_ended_on = models.DateField(null=True)
    duty_in_time = models.BooleanField(null=True, help_text="plicht geëindigd vóór het einde van de termijn")

    class Meta:
        verbose_name = _("feiten per persoon")
        verbose_name_plural = _("feiten per persoon")
        indexes = [
            *covering("facts_person_koppeling", "koppeling_date", also=("phase",)),
            *covering("facts_person_brp", "brp_registration_date", also=("koppeling_date",)),
            *covering("facts_person_term", "leerroute_term_start", also=("first_intake_on", "first_pip_on")),
            *covering("facts_person_pip", "current_pip_on", also=("current_leerroute",)),
            *covering("facts_person_offer", "first_offer_on", also=("first_pip_on",)),
            *covering("facts_person_regeldag", "first_regeldag_on", also=("brp_registration_date",)),
            *covering("facts_person_duty", "duty_ended_on", also=("duty_status", "duty_in_time")),
            models.Index(
                fields=["municipality", "consultant_id", *DIMENSION_FIELDS],
                condition=Q(consultant_id__isnull=False) & ~Q(phase=Phase.AFGESLOTEN),
                name="facts_person_caseload",
            ),
        ]


class EventKind(models.TextChoices):
    EXAM = "examen", _("Examen")
    EXTENSION = "verlenging", _("Toegekende termijnverlenging")
    FINE = "boete", _("Boete")
    MB_PHASE = "mb_fase", _("Fase van de maatschappelijke begeleiding verlaten")
    MB_CLOSED = "mb_afgesloten", _("Maatschappelijke begeleiding afgesloten")
    ONTZORGEN = "ontzorgen", _("Financieel ontzorgen")


class EventFacts(FactsRow):
    """One row per event of a person: ``day`` is the day a period selects on, ``series`` what the
    figure splits by (exam component, ground of a fine, the phase left), ``hit`` what a share counts
    (exam passed, MB closed early), ``start``–``end`` a duration (a phase, an ontzorgen arrangement)."""

    kind = models.CharField(max_length=15, choices=EventKind.choices)
    day = models.DateField()
    series = models.CharField(max_length=25, blank=True)
    hit = models.BooleanField(null=True)
    start = models.DateField(null=True)
    end = models.DateField(null=True)
    previous_day = models.DateField(null=True)

    class Meta:
        verbose_name = _("feit per gebeurtenis")
        verbose_name_plural = _("feiten per gebeurtenis")
        indexes = covering(
            "facts_event", "day", also=("series", "hit", "previous_day", "start", "end"), kind="kind"
        )


class HoursFacts(FactsRow):
    """One row per hours registration: hours in tenths; ``planned`` the hours the course offer planned
    for the registration's days, in tenths times seven (tenths per week times days: a whole number, so
    that sums are exact in any order; empty without a planned offer)."""

    day = models.DateField(help_text="begin van de periode van de registratie")
    attended = models.IntegerField()
    offered = models.IntegerField()
    planned = models.BigIntegerField(null=True)
    previous_day = models.DateField(null=True)
    previous_planned_day = models.DateField(null=True)

    class Meta:
        verbose_name = _("feit per urenregistratie")
        verbose_name_plural = _("feiten per urenregistratie")
        indexes = covering(
            "facts_hours", "day",
            also=("attended", "offered", "planned", "previous_day", "previous_planned_day"),
        )


class AssignmentFacts(FactsRow):
    """One row per MB or buddy assignment, with the person's phase (open or closed dossier). Of a
    person's assignments running on a day, the first (by start) is the one whose earlier assignments
    are all ``covered_until`` before that day: counting those counts each person once."""

    phase = models.CharField(max_length=25)
    role = models.CharField(max_length=20)
    user_id = models.BigIntegerField(null=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True)
    covered_until = models.DateField(
        null=True, help_text="laatste einde van de eerdere toewijzingen in dezelfde rol (open: 9999-12-31)"
    )

    class Meta:
        verbose_name = _("feit per toewijzing")
        verbose_name_plural = _("feiten per toewijzing")
        indexes = covering(
            "facts_assignment", "start_date",
            also=("end_date", "covered_until", "user_id", "person_id", "phase"),
            kind="role",
        )


class StaleFacts(models.Model):
    """A person whose dossier changed in a transaction and whose facts are not refreshed yet: written
    in the changing transaction, deleted by the refresh (after the commit, or by the next reader)."""

    person_id = models.BigIntegerField(primary_key=True)
    noted_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("te verversen feiten")
        verbose_name_plural = _("te verversen feiten")
