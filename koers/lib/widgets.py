"""Form widgets written in one pass.

Django renders each ``<option>`` of a select through its own template: some tens of milliseconds for
the hundreds of consultants of a large municipality, and still half a millisecond for a select of ten
phases on a screen asked for all day (the caseload's filters). ``DirectSelect`` writes the same HTML
in one pass, and keeps the options of the selects it wrote last: the caseload's select of a large
municipality's six hundred consultants is then only looked up, and its chosen option marked.
``DirectSearchInput`` does the same for the search field (three templates, almost a millisecond)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import CallableChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from koers.lib.text import escaped


class DirectSelect(forms.Select):
    """A single select whose options are written directly (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        pairs = tuple(map(tuple, self.pairs()))
        options = written_options(pairs, tuple(type(value) for value, _ in pairs))
        for wanted in self.format_value(value):
            opening = f'<option value="{escaped(wanted)}"'
            at = options.find(f"{opening}>")
            if at >= 0:
                at += len(opening)
                options = f"{options[:at]} selected{options[at:]}"
                break
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{conditional_escape(name)}"{attributes}>{options}</select>')

    def use_required_attribute(self, initial) -> bool:
        """As ``Select``'s, from the first pair alone (Django's normalises every option to find it)."""
        first = next(iter(self.pairs()), None)
        return forms.Widget.use_required_attribute(self, initial) and first is not None and (
            self._choice_has_empty_value(first)
        )

    def pairs(self) -> Iterable[tuple[object, object]]:
        """The (value, label) pairs; those of a callable as it returns them, without Django's
        normalising of every pair, which costs more than writing them."""
        if isinstance(self.choices, CallableChoiceIterator):
            return self.choices.func()
        return self.choices


@functools.lru_cache(maxsize=32)
def written_options(pairs: tuple[tuple[object, object], ...], value_types: tuple[type, ...]) -> str:
    """The ``<option>`` elements of (value, label) pairs, none selected; kept for the selects written
    last, as a screen asked for all day draws the same ones again. A translatable label is part of the
    key as its translation (a lazy text hashes and compares as one), so each language has its own.
    ``value_types`` is part of the key only: values that compare equal but are written differently
    (``True`` and ``1``) get options of their own."""
    return "".join(
        f'<option value="{"" if value is None else escaped(value)}">{escaped(label)}</option>' for value, label in pairs
    )


class DirectSearchInput(forms.SearchInput):
    """A search field written directly: the same ``<input>`` as Django's three templates write."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escaped(widget["value"])}"'
        attributes = flatatt(widget["attrs"])
        opening = f'<input type="{self.input_type}" name="{conditional_escape(name)}"'
        return mark_safe(f"{opening}{shown}{attributes}>")
