"""The portal's Dutch is B1: short sentences, everyday words instead of official ones, and the
newcomer is always addressed as "u". Checked on every Dutch text of the portal's catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR, "koers", "portaal", "locale", "en", "LC_MESSAGES", "django.po")
MOST_WORDS = 15
# Official words and their everyday B1 alternatives (after the "Direct Duidelijk" word lists).
OFFICIAL = {
    "indien": "als", "middels": "met", "teneinde": "om", "dienen": "moeten", "conform": "volgens",
    "inzake": "over", "alsmede": "en", "reeds": "al", "derhalve": "daarom", "ontvangstbevestiging": "bericht",
    "beschikking": "besluit", "inburgeringsplichtige": "u", "verstrekken": "geven", "woonachtig": "wonen",
    "aanvangen": "beginnen", "retourneren": "terugsturen", "tevens": "ook", "ingevolge": "door",
}


def texts() -> list[str]:
    return [entry.msgid for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+", re.sub(r"%\(\w+\)s", "X", text)) if s]


def test_the_catalogue_holds_the_portal_texts():
    assert "Uw volgende afspraak" in texts() and len(texts()) > 100


def test_every_sentence_is_short():
    long = [s for text in texts() for s in sentences(text) if len(re.findall(r"[\w-]+", s)) > MOST_WORDS]
    assert not long, long


def test_no_official_words():
    found = {word for text in texts() for word in re.findall(r"[a-zë]+", text.lower()) if word in OFFICIAL}
    assert not found, {word: OFFICIAL[word] for word in found}


def test_the_newcomer_is_addressed_as_u():
    informal = [text for text in texts() if re.search(r"\b(je|jij|jouw|jullie)\b", text, re.IGNORECASE)]
    assert not informal, informal
