"""The signals' rows and action forms are written in one pass (``signals_ui``): every value escaped,
the urgency as the list shows it, the forms with their token and the way back, and the errors of a
refused action in its own row only."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.people.conftest import HTMX

from .factories import SignalFactory

TODAY = dt.date(2026, 11, 25)


def row_of(html: str, pk: int) -> str:
    return re.search(rf'<tr id="signaal-{pk}".*?</tr>', html, re.S).group(0)


@pytest.fixture
def signals(tenants):
    person = tenants.a.person
    return {
        "late": SignalFactory(person=person, due=TODAY - dt.timedelta(days=1), detail='"><script>alert(1)</script>'),
        "soon": SignalFactory(person=person, due=TODAY + dt.timedelta(days=3)),
        "later": SignalFactory(person=person, due=TODAY + dt.timedelta(weeks=8)),
    }


def test_each_row_shows_its_urgency(tenants, client_as, signals):
    html = client_as(tenants.a.consultant).get("/aandacht/").content.decode()
    late, soon, later = (row_of(html, signals[name].pk) for name in ("late", "soon", "later"))
    assert 'class="signal signal--te-laat"' in late and "signal-badge--te-laat" in late
    assert 'class="signal signal--binnenkort"' in soon and "signal-badge--binnenkort" in soon
    assert 'class="signal signal--later"' in later and "signal-badge" not in later
    assert "24-11-2026" in late and "Leerroute vaststellen (10 weken)" in late


def test_the_name_and_the_detail_are_escaped(tenants, client_as, signals):
    person = tenants.a.person
    person.given_names = "<img src=x onerror=alert(2)>"
    person.save()
    html = client_as(tenants.a.consultant).get("/aandacht/").content.decode()
    row = row_of(html, signals["late"].pk)
    assert "<script>" not in row and "<img" not in row
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in row and "&lt;img src=x onerror=alert(2)&gt;" in row


def test_the_forms_carry_the_token_and_the_way_back_to_the_page(tenants, client_as, signals):
    html = client_as(tenants.a.consultant).get("/aandacht/?window=te_laat").content.decode()
    row = row_of(html, signals["late"].pk)
    pk = signals["late"].pk
    assert f'action="/aandacht/{pk}/afhandelen/"' in row and f'action="/aandacht/{pk}/uitstellen/"' in row
    assert row.count('name="csrfmiddlewaretoken"') == 2
    assert row.count('<input type="hidden" name="next" value="/aandacht/?window=te_laat">') == 2
    assert "<details class=\"signal-actions\">" in row


def test_a_refused_action_opens_its_row_with_the_errors(tenants, client_as, signals):
    pk = signals["soon"].pk
    html = client_as(tenants.a.consultant).post(f"/aandacht/{pk}/uitstellen/", {"reason": "x"}, **HTMX).content.decode()
    assert '<details class="signal-actions" open>' in html and "Dit veld is vereist." in html
    assert f'<tr id="signaal-{pk}"' in html


def test_a_wrong_filter_opens_no_row(tenants, client_as, signals):
    html = client_as(tenants.a.consultant).get("/aandacht/?window=gisteren").content.decode()
    assert "Selecteer een geldige keuze" in html and f'id="signaal-{signals["late"].pk}"' in html
    assert "<details class=\"signal-actions\" open>" not in html


def test_another_municipality_sees_none_of_the_rows(tenants, client_as, signals):
    html = client_as(tenants.b.consultant).get("/aandacht/").content.decode()
    assert not any(f'id="signaal-{signal.pk}"' in html for signal in signals.values())
