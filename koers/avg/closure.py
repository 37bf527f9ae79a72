"""When a dossier is closed, and when its retention period has run out."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db.models import DateField, Exists, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from koers.begeleiding.models import Trajectory
from koers.inburgering.constants import PlichtStatus
from koers.people.constants import Phase
from koers.people.models import Person

from .models import AnonymisedDossier, RetentionPolicy


def closed_dossiers(queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Dossiers that are closed, annotated with ``closed_on``.

    A dossier is closed when the integration duty no longer runs (met, exempted, released or
    ended, with the date it ended) and no MB trajectory is open. It closed on the latest of the day
    the duty ended and the days its trajectories were closed."""
    queryset = queryset if queryset is not None else Person.objects.all()
    trajectories = Trajectory.objects.filter(person=OuterRef("pk"))
    last_trajectory_closed = Subquery(
        trajectories.order_by().values("person").annotate(last=Max("closed_on")).values("last")[:1],
        output_field=DateField(),
    )
    ended = F("inburgeringsplicht__ended_on")
    return (
        queryset.filter(inburgeringsplicht__ended_on__isnull=False)
        .exclude(inburgeringsplicht__status=PlichtStatus.LOPEND)
        .exclude(Exists(trajectories.exclude(state=Phase.AFGESLOTEN)))
        .annotate(
            closed_on=Greatest(ended, Coalesce(last_trajectory_closed, ended), output_field=DateField())
        )
    )


def dossier_closed_on(person: Person) -> dt.date | None:
    """The day ``person``'s dossier closed, or ``None`` while it is open."""
    return closed_dossiers(Person.objects.filter(pk=person.pk)).values_list("closed_on", flat=True).first()


def retention_ends(closed_on: dt.date, policy: RetentionPolicy) -> dt.date:
    """The day the period ends: the anniversary of closing (for 29 February, 28 February in a year
    without it)."""
    return closed_on + relativedelta(years=policy.years_after_closing)


def retention_cutoff(policy: RetentionPolicy, today: dt.date) -> dt.date:
    """The last closing day whose retention period has ended by ``today``."""
    cutoff = today - relativedelta(years=policy.years_after_closing)
    next_day = cutoff + dt.timedelta(days=1)
    return next_day if retention_ends(next_day, policy) <= today else cutoff


def due_in(policy: RetentionPolicy, today: dt.date) -> QuerySet[Person]:
    """Closed dossiers of the policy's municipality kept longer than its retention period and not
    yet anonymised."""
    return (
        closed_dossiers(Person.objects.filter(municipality_id=policy.municipality_id))
        .filter(closed_on__lte=retention_cutoff(policy, today))
        .exclude(Exists(AnonymisedDossier.objects.filter(person=OuterRef("pk"))))
    )


def due_for_anonymisation(today: dt.date) -> QuerySet[Person]:
    """All dossiers due, over every municipality with a retention period (one without keeps all)."""
    due = Person.objects.none()
    for policy in RetentionPolicy.objects.all():
        due |= due_in(policy, today)
    return due
