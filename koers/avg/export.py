"""All data Koers holds about one person (art. 15 and 20 AVG), as JSON and as PDF.

The export is built from the ORM: the person's own record, their household and every model that
holds data about the person or the household (``koers.avg.related``), each row with all its fields.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.template.loader import render_to_string

from koers.lib import clock
from koers.lib.pdf import pdf_of
from koers.people.models import HouseholdMember, Person

from .related import holders, rows_of

# Household members with a dossier of their own are named, not exported: their data is theirs.
MEMBER_FIELDS = ("relation", "given_names", "family_name", "date_of_birth", "gender")


def json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or ""
    if hasattr(value, "code"):  # django-countries
        return value.code
    return value


def row_data(instance: models.Model) -> dict[str, Any]:
    return {f.attname: json_value(getattr(instance, f.attname)) for f in instance._meta.concrete_fields}


def household_data(person: Person) -> dict[str, Any] | None:
    household = person.household
    if household is None:
        return None
    members = []
    for member in (
        HouseholdMember.objects.filter(household=household).exclude(person=person).select_related("person")
    ):
        if member.person_id:
            members.append(
                {"relation": member.relation, "name": member.person.full_name, "own_dossier": True}
            )
        else:
            members.append({name: json_value(getattr(member, name)) for name in MEMBER_FIELDS})
    return {"name": household.name, "members": members}


def person_export(person: Person) -> dict[str, Any]:
    """Everything about ``person``: ``{"person": ..., "household": ..., "records": {model: [rows]}}``."""
    records = {}
    for holder in holders():
        rows = [row_data(row) for row in rows_of(holder, person).order_by("pk")]
        if rows:
            records[holder.label] = rows
    return {
        "generated_at": clock.now().isoformat(),
        "person": row_data(person),
        "household": household_data(person),
        "records": records,
    }


def export_pdf(person: Person, data: dict[str, Any]) -> bytes:
    tables = [
        {
            "label": label,
            "columns": list(rows[0]),
            "rows": [[row[c] for c in rows[0]] for row in rows],
        }
        for label, rows in data["records"].items()
    ]
    html = render_to_string(
        "avg/export_pdf.html",
        {"person": person, "data": data, "own": data["person"].items(), "tables": tables},
    )
    return pdf_of(html)
