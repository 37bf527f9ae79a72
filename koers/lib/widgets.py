"""Form widgets for long lists.

Django renders each ``<option>`` of a select through its own template: fine for ten options, some
tens of milliseconds for the hundreds of consultants of a large municipality. ``LongSelect`` writes the
same HTML in one pass."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A single select whose options are written directly (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = [option for _group, group_options, _index in widget["optgroups"] for option in group_options]
        rendered = format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((option["value"], " selected" if option["selected"] else "", option["label"]) for option in options),
        )
        return format_html("<select name=\"{}\"{}>{}</select>", widget["name"], flatatt(widget["attrs"]), rendered)
