"""Audit entries for what a newcomer reads of their own dossier through the portal.

The audit log names a user; here the reader is the person themselves, so the entry carries no user
id and the name ``portaal:persoon-<id>``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest

from koers.audit.log import record
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from koers.people.models import Person

PURPOSE = "Portaal: eigen dossier inzien"


@dataclass(frozen=True)
class PortalReader:
    """The newcomer as the audit log's actor: no staff account, a name that says who it was."""

    person_id: int
    pk: None = None

    @property
    def username(self) -> str:
        return portal_username(self.person_id)


def portal_username(person_id: int) -> str:
    return f"portaal:persoon-{person_id}"


def record_own_read(request: HttpRequest, person: Person, categories: Iterable[str], *, what: str,
                    action: Action = Action.READ) -> list[AuditEntry]:
    return record(user=PortalReader(person.pk), action=action, persons=[person], categories=categories,
                  purpose=PURPOSE, channel=Channel.UI, request=request, detail=f"Portaal: {what}")


def record_refused_own_read(request: HttpRequest, person: Person, attempted: int | None, *, what: str) -> list[AuditEntry]:
    """The newcomer asked for something that is not theirs (answered with 404): logged with the
    person it belongs to, when there is one."""
    return record(user=PortalReader(person.pk), action=Action.READ, person_id=attempted, purpose=PURPOSE,
                  channel=Channel.UI, request=request, outcome=Outcome.REFUSED, detail=f"Portaal, niet eigen: {what}")
