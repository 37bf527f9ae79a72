"""A choice's labels are translated once per language and follow the active language."""

from django.test import override_settings
from django.utils import translation

from koers.lib.i18n import choice_labels
from koers.people.constants import Phase


def test_it_gives_every_value_its_label_in_the_active_language():
    with translation.override("nl"):
        dutch = choice_labels(Phase)
    with translation.override("en"):
        english = choice_labels(Phase)
    assert set(dutch) == set(english) == set(Phase.values)
    assert dutch == {value: str(label) for value, label in Phase.choices}
    assert dutch != english


def test_it_keeps_the_labels_of_a_language():
    with translation.override("nl"):
        assert choice_labels(Phase) is choice_labels(Phase)


def test_changed_language_settings_forget_the_kept_labels():
    with translation.override("nl"):
        kept = choice_labels(Phase)
        with override_settings(LANGUAGE_CODE="nl"):
            assert choice_labels(Phase) is not kept
