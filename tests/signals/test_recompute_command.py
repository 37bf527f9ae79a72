"""``koers signals recompute``: everyone, one municipality (by CBS code) or one person; bad input is a
clear error."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from koers.signals.models import RecomputeRun, Signal
from tests.inburgering.route_factories import PlichtFactory


@pytest.fixture
def waiting(tenants):
    for tenant in (tenants.a, tenants.b):
        PlichtFactory(person=tenant.person, leerroute_term_start=dt.date(2026, 10, 1), termijn_start=None,
                      termijn_end=None)
    return tenants


def run(*args: str) -> str:
    out = StringIO()
    call_command("signals", "recompute", *args, stdout=out)
    return out.getvalue()


def test_it_recomputes_everyone_and_says_what_changed(waiting):
    output = run()
    assert "Herberekend (alle dossiers)" in output and "nieuw 4" in output
    assert set(Signal.objects.values_list("person_id", flat=True)) == {waiting.a.person.pk, waiting.b.person.pk}
    assert RecomputeRun.objects.get().created == 4


def test_it_recomputes_one_municipality(waiting):
    run("--municipality", waiting.b.municipality.cbs_code)
    assert set(Signal.objects.values_list("person_id", flat=True)) == {waiting.b.person.pk}


def test_it_recomputes_one_person(waiting):
    run("--person", str(waiting.a.person.pk))
    assert set(Signal.objects.values_list("person_id", flat=True)) == {waiting.a.person.pk}


@pytest.mark.parametrize("args", [("--municipality", "9999"), ("--person", "999999")])
def test_it_refuses_an_unknown_municipality_or_person(waiting, args):
    with pytest.raises(CommandError):
        run(*args)
    assert not Signal.objects.exists()
