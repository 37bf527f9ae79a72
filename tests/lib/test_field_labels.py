"""A choice field's labels are translated once per language and follow the active language."""

from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from koers.lib.i18n import field_label, field_labels
from koers.people.constants import Phase
from koers.people.models import Person


def test_it_gives_every_value_its_label_in_the_active_language():
    with translation.override("nl"):
        dutch = field_labels(Person, "phase")
    with translation.override("en"):
        english = field_labels(Person, "phase")
    assert set(dutch) == set(english) == set(Phase.values)
    assert dutch == {value: str(label) for value, label in Phase.choices}
    assert dutch != english


def test_it_keeps_the_labels_of_a_language():
    with translation.override("nl"):
        assert field_labels(Person, "phase") is field_labels(Person, "phase")


def test_changed_language_settings_forget_the_kept_labels():
    with translation.override("nl"):
        kept = field_labels(Person, "phase")
        with override_settings(LANGUAGE_CODE="nl"):
            assert field_labels(Person, "phase") is not kept


def test_a_field_label_is_what_get_display_gives_in_each_language(tenants):
    person = tenants.a.person
    for language in ("nl", "en"):
        with translation.override(language):
            assert field_label(person, "phase") == person.get_phase_display()
            assert field_label(person, "target_group") == person.get_target_group_display()


def test_a_value_outside_the_choices_is_shown_as_it_is(tenants):
    person = tenants.a.person
    person.phase = "onbekend"
    assert field_label(person, "phase") == person.get_phase_display() == "onbekend"


def test_the_template_filter_writes_the_label_escaped(tenants):
    person = tenants.a.person
    person.phase = "<b>"
    html = Template('{% load ui %}{{ person|label:"phase" }}').render(Context({"person": person}))
    assert html == "&lt;b&gt;"
