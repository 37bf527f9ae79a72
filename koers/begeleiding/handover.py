"""The written handover to the consultant at the afronding, as a PDF rendered by WeasyPrint from
``begeleiding/handover.html``. Always in Dutch, whatever the language of the screen."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.text import slugify

from koers.lib import clock
from koers.lib.pdf import pdf_of
from koers.lib.records import record_language

from . import services
from .constants import SCORE_LABELS
from .models import Trajectory

TEMPLATE = "begeleiding/handover.html"


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes


def handover_context(trajectory: Trajectory) -> dict:
    settings = trajectory.policy.settings
    measurements = list(trajectory.measurements.all())
    goals = list(trajectory.goals.all())
    return {
        "trajectory": trajectory,
        "person": trajectory.person,
        "municipality": trajectory.person.municipality,
        "handover": trajectory.handover,
        "progress": services.checklist_progress(trajectory),
        "open_items": [i for i in trajectory.checklist.all() if i.status in ("open", "bezig")],
        "rows": [
            {"domain": d, "goals": [g for g in goals if g.domain == d.key],
             "scores": [m.scores.get(d.key) for m in measurements]}
            for d in settings.domains
        ],
        "measurements": measurements,
        "score_labels": SCORE_LABELS,
        "extensions": list(trajectory.extensions.all()),
        "made_on": clock.today(),
    }


def render_handover(trajectory: Trajectory) -> Document:
    with record_language():
        html = render_to_string(TEMPLATE, handover_context(trajectory))
    content = pdf_of(html)
    name = slugify(trajectory.person.full_name) or str(trajectory.person.pk)
    return Document(f"overdracht-mb-{name}.pdf", content)
