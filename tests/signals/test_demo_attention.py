"""On the demo data (``koers demo``) the attention lists show a realistic mix of signals from every part
of Koers, overdue and upcoming, most urgent first; resolving one from the list removes it, logs who
and why, and the nightly recompute does not bring it back."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from koers.access.models import User
from koers.audit.models import Action, AuditEntry
from koers.lib import clock
from koers.people.models import TimelineEvent
from koers.signals.engine import recompute
from koers.signals.models import Signal, SignalStatus
from koers.synthetic.demo import set_up_demo
from tests.people.conftest import HTMX

from ..inburgering.screens import logged_in

pytestmark = pytest.mark.django_db

EXPECTED_KINDS = {
    "inburgering.leerroute", "inburgering.pip_bezwaar", "inburgering.aanbod", "inburgering.termijn_6m",
    "inburgering.uren", "inburgering.contact", "begeleiding.meetmoment", "begeleiding.einde", "ontzorgen.einde",
}


def listed(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr id="signaal-(\d+)"', html)]


def test_the_demo_attention_lists_show_a_realistic_mix_and_resolving_one_logs_who_and_why():
    set_up_demo(120)
    today = clock.today()
    live = Signal.objects.filter(status=SignalStatus.OPEN)
    kinds = Counter(live.values_list("kind", flat=True))

    assert EXPECTED_KINDS <= set(kinds), EXPECTED_KINDS - set(kinds)
    assert max(kinds.values()) < sum(kinds.values()) / 2, kinds
    assert live.filter(due__lt=today).exists() and live.filter(due__gte=today).exists()

    consultant = User.objects.get(username="consulent")
    client = logged_in(consultant)
    mine = listed(client.get("/aandacht/").content.decode())
    shown = {s.pk: s for s in Signal.objects.filter(pk__in=mine)}
    assert len(mine) >= 5 and {s.person.consultant_id for s in shown.values()} == {consultant.pk}
    dues = [shown[pk].due for pk in mine]
    assert dues == sorted(dues)

    team = listed(logged_in(User.objects.get(username="teamleider")).get("/aandacht/team/").content.decode())
    assert len(team) > len(mine)

    signal = shown[mine[0]]
    reason = "Met de inburgeraar gebeld; afspraak staat"
    response = client.post(f"/aandacht/{signal.pk}/afhandelen/", {"reason": reason}, **HTMX)
    assert response.status_code == 200
    assert signal.pk not in listed(client.get("/aandacht/").content.decode())
    signal.refresh_from_db()
    assert (signal.status, signal.resolved_by, signal.resolved_reason) == (SignalStatus.RESOLVED, consultant, reason)
    assert AuditEntry.objects.filter(action=Action.UPDATE, user_id=consultant.pk, person_id=signal.person_id,
                                     detail__contains=reason).exists()
    assert TimelineEvent.objects.filter(person=signal.person, actor=consultant, body=reason).exists()

    recompute()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.RESOLVED
    assert not Signal.objects.filter(person=signal.person, kind=signal.kind, reference=signal.reference,
                                     due=signal.due, status=SignalStatus.OPEN).exists()
