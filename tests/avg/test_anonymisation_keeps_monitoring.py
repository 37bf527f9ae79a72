"""The anonymisation job on the demo data keeps every monitoring figure identical (each figure in each
breakdown, and every table of the evaluation report), while names, BSNs and contact data of the
anonymised dossiers are gone."""

import datetime as dt

import pytest

from koers.access.models import Municipality
from koers.avg.anonymise import anonymise_due_dossiers
from koers.avg.closure import closed_dossiers
from koers.avg.models import AnonymisationRun, AnonymisedDossier, RetentionPolicy
from koers.duo.models import Notification
from koers.lib import clock
from koers.monitoring import catalogue  # noqa: F401  (registers the figures)
from koers.monitoring.dimensions import DIMENSIONS
from koers.monitoring.evaluation import evaluation_report
from koers.monitoring.figures import registry
from koers.monitoring.selection import Selection
from koers.ontzorgen.models import PaymentLine
from koers.people.models import HouseholdMember, Person
from koers.synthetic.demo import set_up_demo

pytestmark = pytest.mark.django_db

LATER = dt.date(2040, 3, 1)


def all_figures(today: dt.date) -> dict:
    """Every figure, raw (before suppression), for every breakdown, over all municipalities; and every
    table of the evaluation report, its execution section included."""
    selection_args = {
        "municipality_ids": frozenset(Municipality.objects.values_list("pk", flat=True)),
        "start": dt.date(2000, 1, 1),
        "end": today,
        "today": today,
    }
    report = evaluation_report(**selection_args)
    tables = {("evaluatie", s.key): (s.table.header, s.table.rows) for s in report.sections}
    return tables | {
        (key, breakdown): sorted(
            (r.group, r.series, r.people, r.value)
            for r in figure.compute(Selection(breakdown=breakdown, **selection_args))
        )
        for key, figure in registry.items()
        for breakdown in DIMENSIONS
    }


def test_anonymising_the_demo_keeps_all_monitoring_totals_identical():
    set_up_demo(80)
    for municipality in Municipality.objects.all():
        RetentionPolicy.objects.update_or_create(municipality=municipality, defaults={"years_after_closing": 5})
    with clock.frozen(LATER):
        closed = {p.pk: (p.bsn, p.given_names) for p in closed_dossiers()}
        assert len(closed) >= 5
        before = all_figures(clock.today())
        report = anonymise_due_dossiers()
        after = all_figures(clock.today())
    assert report.dossiers == len(closed) == AnonymisedDossier.objects.count()
    assert after == before
    assert any(rows for rows in before.values())
    anonymised = Person.objects.filter(pk__in=closed)
    assert not anonymised.filter(bsn__in=[bsn for bsn, _ in closed.values()]).exists()
    assert set(anonymised.values_list("given_names", "email", "phone", "street")) == {("", "", "", "")}
    original_bsns = {bsn for bsn, _ in closed.values()}
    assert not Notification.objects.filter(bsn__in=original_bsns).exists()
    assert not PaymentLine.objects.filter(bsn__in=original_bsns).exists()
    assert not HouseholdMember.objects.filter(
        person__in=anonymised, person__given_names__in=[name for _, name in closed.values()]
    ).exists()
    runs = AnonymisationRun.objects.all()
    assert sum(run.dossiers for run in runs) == len(closed)
    assert sum(run.removed["people.Person"]["bsn"] for run in runs) == len(closed)
