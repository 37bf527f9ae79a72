"""Every deadline the issue of the signal engine names is a registered kind with a Dutch label, and can
be chosen in the filter of the attention list. The tests of each kind's edges live beside its source:
tests/signals/test_inburgering_deadlines.py (inburgering), tests/begeleiding/test_deadlines.py
(measurement moments, end of MB) and tests/ontzorgen/test_deadlines.py (end of ontzorgen)."""

from __future__ import annotations

import pytest

from koers.lib.deadlines import deadline_sources, kind_label
from koers.signals.forms import kind_choices

NAMED_IN_THE_ISSUE = {
    "10 weeks to set the leerroute": ("inburgering.leerroute",),
    "PIP decision periods": ("inburgering.leerroute", "inburgering.pip_bezwaar_besluit"),
    "offer missing": ("inburgering.aanbod",),
    "objection period": ("inburgering.pip_bezwaar", "inburgering.boete_bezwaar", "inburgering.boete_bezwaar_besluit"),
    "measurement moments": ("begeleiding.meetmoment",),
    "ontzorgen end": ("ontzorgen.einde",),
    "MB end": ("begeleiding.einde",),
    "term end minus 6 months": ("inburgering.termijn_6m",),
    "term end minus 2 months": ("inburgering.termijn_2m",),
    "hours falling behind the plan": ("inburgering.uren",),
    "no contact for N weeks": ("inburgering.contact",),
}


@pytest.mark.parametrize(("deadline", "kinds"), list(NAMED_IN_THE_ISSUE.items()), ids=list(NAMED_IN_THE_ISSUE))
def test_each_deadline_of_the_issue_is_a_registered_kind_with_a_label(deadline, kinds):
    registered = {kind for source in deadline_sources() for kind in source.kinds}
    choices = dict(kind_choices())
    for kind in kinds:
        assert kind in registered, deadline
        assert str(kind_label(kind)) not in ("", kind) and kind in choices
