"""Invitations to group sessions in the person's own language.

The text of an invitation is a template per language, ``begeleiding/invitation/<code>.html``, that
extends the Dutch one and overrides its blocks: adding a translation is adding one template. A person
gets the invitation in the first of their languages (``Person.languages``) that has a text, otherwise
in Dutch; the invitation stores which language it used."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString

from koers.people.models import Person

from .models import Invitation

FALLBACK_LANGUAGE = "nl"
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs", "ps", "ur"})


def text_template(code: str) -> str:
    return f"begeleiding/invitation/{code}.html"


@cache
def has_text(code: str) -> bool:
    try:
        get_template(text_template(code))
    except TemplateDoesNotExist:
        return False
    return True


def invitation_language(person: Person) -> str:
    """The first of the person's languages with an invitation text; Dutch when none has one."""
    return next((code for code in person.languages if code.isalpha() and has_text(code)), FALLBACK_LANGUAGE)


@dataclass(frozen=True)
class Letter:
    language: str
    direction: str
    body: SafeString


def letter(invitation: Invitation) -> Letter:
    """The invitation's text in the language stored on it."""
    session = invitation.session
    body = render_to_string(text_template(invitation.language), {
        "name": invitation.person.full_name,
        "title": session.title,
        "starts_at": session.starts_at,
        "place": session.place,
        "interpreter": bool(invitation.interpreter_language),
        "sender": session.organisation or session.municipality,
    })
    return Letter(invitation.language, "rtl" if invitation.language in RIGHT_TO_LEFT else "ltr", body)
