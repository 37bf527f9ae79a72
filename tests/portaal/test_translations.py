"""The portal's own catalogues for Arabic, Tigrinya and Turkish are complete and compiled: every
Dutch text of the portal has a translation, none is a guess, and the compiled catalogue is in use."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR, "koers", "portaal", "locale")
LANGUAGES = ("ar", "ti", "tr")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_portal_text_is_translated(language):
    po = catalogue(language)
    assert po.metadata["Language"] == language
    untranslated = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert not untranslated, untranslated[:3]
    assert not [entry.msgid for entry in po if "fuzzy" in entry.flags]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_holds_the_same_texts_as_the_english_one(language):
    english = {entry.msgid for entry in catalogue("en") if not entry.obsolete}
    assert {entry.msgid for entry in catalogue(language) if not entry.obsolete} == english


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_compiles_without_errors(language, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(LOCALE / language / "LC_MESSAGES" / "django.po")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("language", "expected"), [("ar", "موعدك القادم"), ("ti", "ዝቕጽል ቆጸራኹም"),
                                                    ("tr", "Bir sonraki randevunuz")])
def test_the_compiled_catalogue_is_in_use(language, expected):
    with translation.override(language):
        assert translation.gettext("Uw volgende afspraak") == expected
