"""The English translation is complete: every Dutch text has an English one and none is a guess."""

import re
from pathlib import Path

from django.conf import settings

PO_FILE = Path(settings.BASE_DIR, "koers", "locale", "en", "LC_MESSAGES", "django.po")


def entries() -> list[str]:
    return [block for block in PO_FILE.read_text().split("\n\n")[1:] if "msgid" in block]


def test_no_english_translation_is_marked_fuzzy():
    fuzzy = [block for block in entries() if "#, fuzzy" in block]
    assert not fuzzy, fuzzy[:3]


def test_every_dutch_text_has_an_english_translation():
    untranslated = [
        block
        for block in entries()
        if not block.lstrip().startswith("#~") and re.search(r'msgstr(\[\d\])? ""\s*$', block)
    ]
    assert not untranslated, untranslated[:3]
