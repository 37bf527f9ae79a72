"""A question from the newcomer through the portal: kept, and put on the timeline of the dossier,
where the consultant and the MB worker see it."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from koers.access.constants import DataCategory
from koers.audit.models import Action
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

from .audit import record_own_read
from .models import Question

MAX_LENGTH = 2000
TIMELINE_TITLE = "Vraag via het portaal"


@transaction.atomic
def ask_question(*, person: Person, text: str, request: HttpRequest | None = None) -> Question:
    question = Question.objects.create(person=person, text=text.strip()[:MAX_LENGTH])
    TimelineEvent.objects.create(person=person, kind=EventKind.NOTE, category=DataCategory.NOTES,
                                 title=TIMELINE_TITLE, body=question.text, actor=None, source=EventSource.UI,
                                 data={"portaal": True, "question": question.pk})
    record_own_read(request, person, [DataCategory.NOTES], what="vraag gesteld", action=Action.CREATE)
    return question
