"""The signals' rows and their action forms, written in one pass.

An attention list has fifty rows, each with two forms (resolve and snooze); written by the template
engine, row by row through includes, they took two thirds of the list's seventy milliseconds. The tags
write the same HTML here, escaping every value (``koers.lib.text.escaped``)::

    {% load signals_ui %}
    <tbody>{% signal_rows rows show_person %}</tbody>      the rows of a list or a dossier's tab
    {% signal_row signal True form %}                      one row after an action, with that form's errors
    {% signal_actions signal form %}                       the forms of one signal, with that form's errors

Both read ``today``, ``may_act`` and ``next`` (the page to return to; otherwise the page itself) from
the template's context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import template
from django.template.context import Context
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from koers.lib import clock
from koers.lib.dates import DAY
from koers.lib.deadlines import kind_label as label_of
from koers.lib.text import escaped
from koers.lib.views import urls_by_pk

from ..models import Signal

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return str(label_of(kind))


class SignalWriter:
    """What every row of one page shares, looked up once: the day, the rights, the URLs, the labels."""

    def __init__(self, context: Context) -> None:
        self.today: dt.date = context.get("today") or clock.today()
        self.may_act = bool(context.get("may_act"))
        request = context.get("request")
        self.back = context.get("next") or (request.get_full_path() if request is not None else "")
        self.csrf = CsrfTokenNode().render(context)
        self.dossier_url = urls_by_pk("signals:dossier")
        self.resolve_url = urls_by_pk("signals:resolve")
        self.snooze_url = urls_by_pk("signals:snooze")
        self.late, self.soon = escaped(gettext("te laat")), escaped(gettext("binnenkort"))
        # Translated here, not inside the f-strings below: xgettext does not read calls in f-strings.
        self.summary = escaped(gettext("Afhandelen of uitstellen"))
        self.resolve_reason, self.resolve = escaped(gettext("Reden van afhandelen")), escaped(gettext("Afhandelen"))
        self.until, self.snooze_reason = escaped(gettext("Uitstellen tot")), escaped(gettext("Reden van uitstel"))
        self.snooze = escaped(gettext("Uitstellen"))

    def row(self, signal: Signal, show_person: bool, form=None) -> str:
        late = signal.due < self.today
        soon = not late and getattr(signal, "severity", None) == 1
        kind, name = escaped(kind_label(signal.kind)), escaped(signal.person.full_name)
        person = f'<th scope="row"><a href="{self.dossier_url(signal.person_id)}">{name}</a></th>' if show_person else ""
        detail = f'<br><span class="muted">{escaped(signal.detail)}</span>' if signal.detail else ""
        badge = (f'<span class="badge signal-badge signal-badge--te-laat">{self.late}</span>' if late else
                 f'<span class="badge signal-badge signal-badge--binnenkort">{self.soon}</span>' if soon else "")
        snoozed = ""
        if signal.snoozed_until:
            until = gettext("tot %(day)s") % {"day": signal.snoozed_until.strftime(DAY)}
            snoozed = f' <span class="muted">({escaped(until)})</span>'
        actions = f"<td>{self._forms(signal.pk, kind, name, form)}</td>" if self.may_act else ""
        return (
            f'<tr id="signaal-{signal.pk}" class="signal signal--{"te-laat" if late else "binnenkort" if soon else "later"}">'
            f"{person}<td>{kind}{detail}</td>"
            f'<td class="table__numeric">{signal.due.strftime(DAY)} {badge}</td>'
            f"<td>{escaped(signal.get_status_display())}{snoozed}</td>{actions}</tr>"
        )

    def actions(self, signal: Signal, form=None) -> str:
        """The resolve and snooze forms of one signal; open, with the errors of ``form``, after a
        refused attempt."""
        return self._forms(signal.pk, escaped(kind_label(signal.kind)), escaped(signal.person.full_name), form)

    def _forms(self, pk: int, kind: str, name: str, form) -> str:
        """``actions`` for a signal's pk and its kind and person's name, already escaped."""
        errors = form.errors if form is not None else {}
        alert = ""
        if errors:
            messages = "".join(f"<p>{escaped(error)}</p>" for field_errors in errors.values() for error in field_errors)
            alert = f'<div class="alert alert--error" role="alert">{messages}</div>'
        hidden = f'{self.csrf}<input type="hidden" name="next" value="{escaped(self.back)}">'
        resolve, snooze = self.resolve_url(pk), self.snooze_url(pk)
        return (
            f'<details class="signal-actions"{" open" if errors else ""}>'
            f'<summary>{self.summary}<span class="visually-hidden">: '
            f"{kind} {name}</span></summary>{alert}"
            f'<form method="post" action="{resolve}" hx-post="{resolve}" hx-target="#signaal-{pk}" hx-swap="outerHTML">'
            f'{hidden}<div class="form-field"><label class="form-label" for="reden-afhandelen-{pk}">'
            f"{self.resolve_reason}</label>"
            f'<input class="form-input" id="reden-afhandelen-{pk}" name="reason" maxlength="300" required></div>'
            f'<button class="button button--primary" type="submit">{self.resolve}</button></form>'
            f'<form method="post" action="{snooze}" hx-post="{snooze}" hx-target="#signaal-{pk}" hx-swap="outerHTML">'
            f'{hidden}<div class="form-field form-field--date"><label class="form-label" for="uitstellen-tot-{pk}">'
            f"{self.until}</label>"
            f'<input class="form-input" id="uitstellen-tot-{pk}" name="until" type="date" required></div>'
            f'<div class="form-field"><label class="form-label" for="reden-uitstellen-{pk}">'
            f"{self.snooze_reason}</label>"
            f'<input class="form-input" id="reden-uitstellen-{pk}" name="reason" maxlength="300" required></div>'
            f'<button class="button button--secondary" type="submit">{self.snooze}</button></form>'
            "</details>"
        )


@register.simple_tag(takes_context=True)
def signal_rows(context: Context, rows: Iterable[Signal], show_person: bool) -> SafeString:
    """The ``<tr>`` of each signal."""
    writer = SignalWriter(context)
    return mark_safe("\n".join(writer.row(signal, show_person) for signal in rows))


@register.simple_tag(takes_context=True)
def signal_row(context: Context, signal: Signal, show_person: bool, form=None) -> SafeString:
    """The ``<tr>`` of one signal, with the errors of ``form`` after a refused action."""
    return mark_safe(SignalWriter(context).row(signal, show_person, form))


@register.simple_tag(takes_context=True)
def signal_actions(context: Context, signal: Signal, form=None) -> SafeString:
    return mark_safe(SignalWriter(context).actions(signal, form))
