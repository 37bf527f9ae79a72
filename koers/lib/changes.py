"""Who makes a change, why, and through which channel.

A service that changes a dossier writes a timeline entry and an audit entry; both need the actor, the
purpose, the channel and (for the IP address) the request. ``ChangeContext`` carries the four as one
value, made once by the screen, the API or the command, so that services take ``by`` instead of four
arguments and every timeline entry names its source the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from koers.audit.models import Channel
from koers.people.constants import EventSource

if TYPE_CHECKING:
    from django.http import HttpRequest

    from koers.access.models import User

SOURCES = {Channel.UI: EventSource.UI, Channel.API: EventSource.API}


@dataclass(frozen=True)
class ChangeContext:
    actor: User | None
    purpose: str
    channel: Channel
    request: HttpRequest | None = None

    @classmethod
    def screen(cls, request: HttpRequest, purpose: str) -> ChangeContext:
        """A change made by the logged-in user on a screen."""
        return cls(request.user, purpose, Channel.UI, request)

    @property
    def event_source(self) -> EventSource:
        """The timeline's source: the screen, the API, or the system (commands and background work)."""
        return SOURCES.get(self.channel, EventSource.SYSTEM)

    def audit_arguments(self) -> dict:
        """The arguments of ``koers.audit.log.record`` that say who, why and how."""
        return {"user": self.actor, "purpose": self.purpose, "channel": self.channel, "request": self.request}
