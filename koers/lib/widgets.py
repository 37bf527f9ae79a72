"""Form widgets written in one pass.

Django renders each ``<option>`` of a select through its own template: some tens of milliseconds for
the hundreds of consultants of a large municipality, and still half a millisecond for a select of ten
phases on a screen asked for all day (the caseload's filters). ``DirectSelect`` writes the same HTML
in one pass."""

from __future__ import annotations

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
        wanted = self.format_value(value)
        parts, selected = [], False
        for option_value, label in self.pairs():
            option_value = "" if option_value is None else str(option_value)
            chosen = not selected and option_value in wanted
            selected = selected or chosen
            parts.append(f'<option value="{escaped(option_value)}"{" selected" if chosen else ""}>'
                         f"{escaped(label)}</option>")
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{conditional_escape(name)}"{attributes}>{"".join(parts)}</select>')

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
