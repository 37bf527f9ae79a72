"""Helpers for forms on screens: the error summary that links every error to its field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.utils.translation import ngettext


@dataclass(frozen=True)
class ErrorLink:
    """One line of an error summary: where the error is (an element id) and what it says."""

    anchor: str
    label: str
    message: str


def _field_anchor(form: forms.BaseForm, name: str) -> str:
    bound = form[name]
    widget = bound.field.widget
    if bound.use_fieldset or isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


def form_error_links(
    form: forms.BaseForm, *, label_prefix: str = "", form_anchor: str = ""
) -> list[ErrorLink]:
    """The form's errors in the order of its fields (the order of the page), general errors first."""
    links = [ErrorLink(form_anchor, label_prefix, str(message)) for message in form.non_field_errors()]
    for name in form.fields:
        errors = form.errors.get(name)
        if not errors:
            continue
        label = str(form.fields[name].label)
        if label_prefix:
            label = f"{label_prefix}, {label[:1].lower()}{label[1:]}"
        links.extend(ErrorLink(_field_anchor(form, name), label, str(message)) for message in errors)
    return links


def formset_error_links(formset: forms.BaseFormSet, *, row_label: str, anchor: str) -> list[ErrorLink]:
    """Errors of a formset; ``row_label`` is a text with ``%(number)s`` naming one row."""
    links = [ErrorLink(anchor, "", str(message)) for message in formset.non_form_errors()]
    for index, form in enumerate(formset.forms, start=1):
        links.extend(form_error_links(form, label_prefix=row_label % {"number": index}, form_anchor=anchor))
    return links


def error_summary(*parts: Iterable[ErrorLink]) -> list[ErrorLink]:
    return [link for part in parts for link in part]


def summary_title(links: list[ErrorLink]) -> str:
    return ngettext("Er is %(count)d fout gevonden", "Er zijn %(count)d fouten gevonden", len(links)) % {
        "count": len(links)
    }
