"""``koers bench screens`` walks every screen each role reaches on a generated dataset and prints the
pages walked, the slowest and any that failed (figures printed, never asserted)."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command

from koers.access.constants import Role
from koers.access.models import Membership
from koers.lib.screensbench import links, shape


def test_it_walks_the_screens_of_every_role_and_finds_none_failing(db):
    call_command("generate", "--persons", "40", "--municipalities", "2", stdout=StringIO())
    out = StringIO()
    call_command("bench", "screens", "--pages", "12", stdout=out)
    output = out.getvalue()
    for role in Role:
        walked = re.search(rf"schermen als {re.escape(role.label.lower())}\s+(\d+) pagina's", output)
        assert walked and int(walked.group(1)) >= 1, role
    assert "De 15 traagste pagina's:" in output and "Mislukte pagina's: 0" in output
    assert Membership.objects.filter(user__username="bench.beleidsanalist", role=Role.POLICY_ANALYST).exists()


def test_an_empty_database_has_nothing_to_walk(db):
    out = StringIO()
    call_command("bench", "screens", stdout=out)
    assert "Geen dossiers in de database" in out.getvalue()


def test_pages_of_the_same_shape_differ_only_in_their_numbers_and_query_values():
    assert shape("/personen/12/?page=2&q=al") == shape("/personen/345/?q=x&page=9") == "/personen/N/?page,q"
    assert shape("/aandacht/") != shape("/aandacht/team/")


def test_only_links_inside_koers_that_stay_logged_in_are_followed():
    page = ('<a href="/personen/1/">a</a> <a href="https://example.org/">b</a>'
            '<a href="/accounts/logout/">c</a> <a href="/static/x.css">d</a>'
            '<a href="/personen/?q=a&amp;page=2">e</a> <a href="#main">f</a>')
    assert links(page) == ["/personen/1/", "/personen/?q=a&page=2"]
