"""Comparing two versions of a PIP field by field: what the consultant sees under "vergelijk"."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import PipVersie
from .pip import PIP_FIELDS

# The fields compared: those of a version, in the order of the beschikking and then the plan, but for
# the language of the letter.
DIFF_FIELDS = tuple(name for name in PIP_FIELDS if name != "letter_language")


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def field_label(name: str) -> str:
    label = str(PipVersie._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def display_value(pip: PipVersie, name: str) -> str:
    """A field's value as a person reads it: the label of a choice, ja/nee, a date, or an empty dash."""
    value = getattr(pip, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if name == "dagtekening":
        return date_format(value, "j F Y")
    display = getattr(pip, f"get_{name}_display", None)
    return str(display()) if display else str(value)


def diff_versions(old: PipVersie, new: PipVersie) -> list[FieldChange]:
    """The fields whose value differs between ``old`` and ``new``, in the order of ``DIFF_FIELDS``."""
    return [
        FieldChange(name, field_label(name), display_value(old, name), display_value(new, name))
        for name in DIFF_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
