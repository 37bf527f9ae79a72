"""Open follow-up actions after an interview are deadlines: they stand on the attention list of
everyone who may see the dossier's notes until they are done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.deadlines import Deadline, DeadlineSource, register_deadline_source
from koers.lib.prepared import ForFew

from .constants import FOLLOW_UP_KIND
from .models import FollowUpAction

OPEN_ACTIONS = ForFew(FollowUpAction.objects.filter(done_on__isnull=True).order_by().values_list(
    "pk", "person_id", "due", "description"
))


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    for pk, person_id, due, description in OPEN_ACTIONS.of(person_ids):
        yield Deadline(person_id, FOLLOW_UP_KIND, due, DataCategory.NOTES, f"vervolgactie:{pk}", description[:200])


def register() -> None:
    register_deadline_source(DeadlineSource(
        name="kwalitatief",
        kinds={FOLLOW_UP_KIND: _("Vervolgactie na een gesprek")},
        compute=compute,
        watches=("kwalitatief.FollowUpAction",),
    ))
