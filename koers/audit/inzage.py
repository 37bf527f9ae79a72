"""The answer to an inzageverzoek (art. 15 AVG) about the log: every read of one person's dossier,
with who read it (role and organisation), when, which data categories and for what purpose."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from koers.access.constants import DataCategory, Role
from koers.access.models import Membership
from koers.lib.pdf import pdf_of
from koers.people.models import Person

from .models import Action, AuditEntry, Outcome

READ_ACTIONS = (Action.READ, Action.LIST, Action.EXPORT)
HEADER = ("Moment", "Medewerker", "Rol en organisatie", "Handeling", "Gegevenscategorieën", "Doel", "Kanaal")


@dataclass(frozen=True)
class ReadRow:
    at: str
    who: str
    roles: str
    action: str
    categories: str
    purpose: str
    channel: str

    def cells(self) -> tuple[str, ...]:
        return (self.at, self.who, self.roles, self.action, self.categories, self.purpose, self.channel)


def reads_of(person: Person) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        person_id=person.pk, action__in=READ_ACTIONS, outcome=Outcome.ALLOWED
    ).order_by("at", "id")


def roles_by_user(user_ids: set[int]) -> dict[int, str]:
    roles: dict[int, list[str]] = defaultdict(list)
    for user_id, role, organisation in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "role", "organisation__name"
    ):
        roles[user_id].append(f"{Role(role).label} ({organisation})")
    return {user_id: "; ".join(sorted(items)) for user_id, items in roles.items()}


def category_labels(text: str) -> str:
    labels = dict(DataCategory.choices)
    return ", ".join(str(labels.get(code, code)) for code in text.split(",") if code)


def read_rows(person: Person) -> list[ReadRow]:
    entries = list(reads_of(person))
    roles = roles_by_user({e.user_id for e in entries if e.user_id})
    return [
        ReadRow(
            at=timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M"),
            who=e.username,
            roles=roles.get(e.user_id, "—"),
            action=str(e.get_action_display()),
            categories=category_labels(e.categories),
            purpose=e.purpose,
            channel=str(e.get_channel_display()),
        )
        for e in entries
    ]


def as_csv(rows: list[ReadRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(row.cells() for row in rows)
    return out.getvalue()


def as_pdf(person: Person, rows: list[ReadRow]) -> bytes:
    html = render_to_string("audit/inzage_pdf.html", {"person": person, "rows": rows, "header": HEADER})
    return pdf_of(html)
