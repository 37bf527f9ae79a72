"""DUO's fines at stake when a culpable overrun of the term looms: which parts are still open, from six
months before the einddatum, on the route tab."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.inburgering.constants import Examenonderdeel, Leerroute, Niveau, PlichtStatus
from koers.inburgering.duo_boetes import Deel, RouteStand, open_parts
from koers.inburgering.models import Examenresultaat, OnderdeelResultaat

from .route_factories import CurrentPipFactory, PlichtFactory
from .screens import logged_in, route_url

LANGUAGE = ("spreken", "schrijven", "lezen", "luisteren")
ALL_B1 = frozenset({*((exam, "B1") for exam in LANGUAGE), ("knm", "NVT")})


def stand(leerroute=Leerroute.B1_ROUTE, niveau=None, passed=frozenset(), completed=frozenset(), exempt=frozenset()):
    return RouteStand(leerroute, niveau, frozenset(passed), frozenset(completed), frozenset(exempt))


@pytest.mark.parametrize(
    ("route", "open_"),
    [
        pytest.param(stand(), [Deel.LEERROUTE, Deel.PVT, Deel.MAP], id="nothing done: all three"),
        pytest.param(stand(passed=ALL_B1, completed={"map", "pvt"}), [], id="B1-route fully done: none"),
        pytest.param(stand(passed=ALL_B1 - {("lezen", "B1")}, completed={"map", "pvt"}), [Deel.LEERROUTE],
                     id="one language exam short: the leerroute"),
        pytest.param(stand(passed={*((exam, "A2") for exam in LANGUAGE), ("knm", "NVT")}, completed={"map", "pvt"}),
                     [Deel.LEERROUTE], id="A2 passes do not meet a B1 niveau"),
        pytest.param(stand(niveau=Niveau.A2, passed={*((exam, "A2") for exam in LANGUAGE), ("knm", "NVT")},
                           completed={"map", "pvt"}),
                     [], id="A2 passes meet an A2 niveau"),
        pytest.param(stand(passed=ALL_B1 - {("spreken", "B1")}, completed={"map"}, exempt={"spreken", "pvt"}),
                     [], id="exempted components count as done"),
        pytest.param(stand(Leerroute.Z_ROUTE, completed={"zroute"}), [Deel.PVT, Deel.MAP],
                     id="Z-route completed: only PVT and MAP"),
        pytest.param(stand(Leerroute.Z_ROUTE, passed=ALL_B1), [Deel.LEERROUTE, Deel.PVT, Deel.MAP],
                     id="exams do not complete the Z-route"),
        pytest.param(stand(Leerroute.ONDERWIJSROUTE, passed=ALL_B1, completed={"map", "pvt"}), [Deel.LEERROUTE],
                     id="the onderwijsroute is open until DUO reports the duty met"),
        pytest.param(stand(None, completed={"map", "pvt"}), [Deel.LEERROUTE], id="no PIP: the leerroute is open"),
    ],
)
def test_the_parts_duo_could_fine_for(route, open_):
    assert [fine.deel for fine in open_parts(route)] == open_


def test_the_amounts_are_the_legal_maxima():
    assert [(f.deel, f.maximum_euro) for f in open_parts(stand())] == [
        (Deel.LEERROUTE, 1000), (Deel.PVT, 340), (Deel.MAP, 340)
    ]


def setup_route(person, termijn_end: dt.date, **plicht):
    PlichtFactory(person=person, termijn_start=dt.date(2024, 1, 10), termijn_end=termijn_end, **plicht)
    CurrentPipFactory(person=person, dagtekening=dt.date(2024, 1, 10))
    for exam in LANGUAGE:
        Examenresultaat.objects.create(person=person, onderdeel=exam, niveau="B1", exam_date=dt.date(2026, 6, 1),
                                       passed=True)
    OnderdeelResultaat.objects.create(person=person, soort="pvt", date=dt.date(2026, 5, 1))


def test_the_route_tab_shows_the_fines_at_stake_within_six_months_of_the_end(tenants):
    setup_route(tenants.a.person, dt.date(2027, 1, 10))
    page = logged_in(tenants.a.consultant).get(route_url(tenants.a.person)).content.decode()

    assert "Dreigende boetes van DUO" in page
    assert "Examens, taalschakeltraject of Z-route: <span class=\"numeric\">hoogstens € 1000" in page
    assert "Module Arbeidsmarkt en Participatie (MAP): <span class=\"numeric\">hoogstens € 340" in page
    assert "Participatieverklaringstraject (PVT): <span" not in page


def test_no_fines_are_shown_while_the_end_is_far_or_the_duty_is_met(tenants):
    setup_route(tenants.a.person, dt.date(2027, 6, 10))
    setup_route(tenants.a.other_person, dt.date(2027, 1, 10), status=PlichtStatus.VOLDAAN)
    client = logged_in(tenants.a.consultant)

    assert "Dreigende boetes van DUO" not in client.get(route_url(tenants.a.person)).content.decode()
    assert "Dreigende boetes van DUO" not in client.get(route_url(tenants.a.other_person)).content.decode()


def test_knm_passed_completes_the_b1_route_with_the_language_exams(tenants):
    person = tenants.a.person
    setup_route(person, dt.date(2027, 1, 10))
    Examenresultaat.objects.create(person=person, onderdeel=Examenonderdeel.KNM, niveau="NVT",
                                   exam_date=dt.date(2026, 7, 1), passed=True)

    page = logged_in(tenants.a.consultant).get(route_url(person)).content.decode()
    assert "Examens, taalschakeltraject of Z-route:" not in page and "Dreigende boetes van DUO" in page
