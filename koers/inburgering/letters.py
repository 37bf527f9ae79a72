"""The PIP letter (beschikking) as a PDF, rendered by WeasyPrint from
``inburgering/plan/letter.html``. The letter is always in Dutch, whatever the language of the screen;
the plain-language explanation is what the consultant discusses with the newcomer, in their language
where needed."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from koers.lib.pdf import pdf_of
from koers.lib.records import record_language
from koers.people.constants import LANGUAGES

from .constants import Leerroute
from .models import PipVersie
from .pip import objection_deadline

LETTER_TEMPLATE = "inburgering/plan/letter.html"

# What each leerroute means, in plain language (taalniveau B1), for the letter.
ROUTE_EXPLANATIONS = {
    Leerroute.B1_ROUTE: _(
        "U leert Nederlands tot taalniveau B1. Dat is het niveau waarop u zich goed kunt redden in het "
        "dagelijks leven en op het werk. U doet examens in lezen, luisteren, schrijven en spreken, en het "
        "examen Kennis van de Nederlandse Maatschappij (KNM)."
    ),
    Leerroute.ONDERWIJSROUTE: _(
        "U volgt een taalschakeltraject. Daarin leert u Nederlands en bereidt u zich voor op een "
        "opleiding in het mbo of hbo. Aan het eind doet u een examen."
    ),
    Leerroute.Z_ROUTE: _(
        "U volgt de Z-route (zelfredzaamheidsroute). U leert Nederlands en doet mee in de samenleving, "
        "zodat u zich zo goed mogelijk zelf kunt redden. Het gaat om ongeveer 1.600 uur: de helft taal, "
        "de helft meedoen, bijvoorbeeld vrijwilligerswerk. U hoeft geen taalexamen te doen."
    ),
}


@dataclass(frozen=True)
class Letter:
    filename: str
    content: bytes


def letter_filename(pip: PipVersie) -> str:
    return f"pip-versie-{pip.number}-{slugify(pip.person.full_name) or pip.person.pk}.pdf"


def letter_context(pip: PipVersie) -> dict:
    person = pip.person
    return {
        "pip": pip,
        "person": person,
        "municipality": person.municipality,
        "route_explanation": ROUTE_EXPLANATIONS[Leerroute(pip.leerroute)],
        "objection_deadline": objection_deadline(pip),
        "letter_language": LANGUAGES.get(pip.letter_language, pip.letter_language),
    }


def render_pip_letter(pip: PipVersie) -> Letter:
    """The letter of a decided version as PDF bytes, in Dutch."""
    with record_language():
        html = render_to_string(LETTER_TEMPLATE, letter_context(pip))
    return Letter(letter_filename(pip), pdf_of(html))
