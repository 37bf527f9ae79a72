"""The English translation is complete: every Dutch text has an English one and none is a guess."""

import re
from pathlib import Path

from django.conf import settings

PO_FILES = sorted(Path(settings.BASE_DIR, "koers").glob("**/locale/en/LC_MESSAGES/django.po"))


def entries() -> list[str]:
    """The entries of every English catalogue: the project's and each app's own."""
    return [
        block
        for po_file in PO_FILES
        for block in po_file.read_text().split("\n\n")[1:]
        if "msgid" in block
    ]


def test_the_project_catalogue_is_found():
    assert Path(settings.BASE_DIR, "koers", "locale", "en", "LC_MESSAGES", "django.po") in PO_FILES


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
