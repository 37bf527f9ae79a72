from django.utils import translation
from django.utils.translation import gettext_lazy

from koers.lib.records import record_language, recorded


def test_a_label_is_recorded_in_dutch_while_the_screen_is_english():
    with translation.override("en"):
        label = gettext_lazy("Nederlands")
        assert str(label) == "Dutch"
        assert recorded(label) == "Nederlands"
        assert translation.get_language() == "en"


def test_the_screen_language_returns_after_a_record_is_written():
    with translation.override("en"):
        with record_language():
            assert translation.get_language() == "nl"
        assert translation.get_language() == "en"
