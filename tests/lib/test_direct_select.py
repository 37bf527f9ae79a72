"""DirectSelect and DirectSearchInput write the same HTML as Django's template-rendered widgets."""

from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from koers.lib.widgets import DirectSearchInput, DirectSelect

ATTRS = {"id": "id_x", "class": "filter", "aria-describedby": "id_x_hint"}
choices = st.lists(st.tuples(st.text(max_size=8), st.text(min_size=1, max_size=20)), max_size=12,
                   unique_by=lambda choice: choice[0])


@given(choices, st.text(max_size=8))
def test_it_renders_the_same_select_as_django(options, value):
    ours = DirectSelect(choices=options, attrs=ATTRS).render("x", value)
    django = forms.Select(choices=options, attrs=ATTRS).render("x", value)
    assert parse_html(ours) == parse_html(django)


def test_it_escapes_labels_and_values():
    html = DirectSelect(choices=[('"><script>', "<b>Bob</b>")]).render("x", "")
    assert "<script>" not in html and "<b>" not in html


@given(choices, st.booleans())
def test_it_asks_for_required_as_django_does_also_with_choices_from_a_callable(options, from_callable):
    def made() -> list:
        made.calls += 1
        return options

    made.calls = 0
    field = forms.ChoiceField(choices=made if from_callable else options, widget=DirectSelect)
    ours = field.widget.use_required_attribute(None)
    assert ours == forms.Select(choices=options).use_required_attribute(None)
    assert made.calls == (1 if from_callable else 0)


def test_kept_options_mark_the_option_chosen_this_time():
    options = [("", "Alle"), ("1", "Een"), ("10", "Tien")]
    select = DirectSelect(choices=options)
    assert select.render("x", "1").count(" selected") == 1
    assert '<option value="10" selected>' in select.render("x", "10")
    assert '<option value="1">' in select.render("x", "10")
    assert " selected" not in select.render("x", "2")


def test_a_translatable_label_is_kept_per_language():
    select = DirectSelect(choices=[("", gettext_lazy("Alle fasen"))])
    with translation.override("nl"):
        assert ">Alle fasen<" in select.render("x", "")
    with translation.override("en"):
        assert ">All phases<" in select.render("x", "")
    with translation.override("nl"):
        assert ">Alle fasen<" in select.render("x", "")


def test_values_that_compare_equal_but_are_written_differently_keep_their_own_options():
    assert '<option value="True">' in DirectSelect(choices=[(True, "Ja")]).render("x", "")
    assert '<option value="1">' in DirectSelect(choices=[(1, "Ja")]).render("x", "")
    assert '<option value="True">' in DirectSelect(choices=[(True, "Ja")]).render("x", "")


@given(st.one_of(st.none(), st.text(max_size=30)), st.booleans(), st.booleans())
def test_the_direct_search_field_is_the_same_input_as_django_writes(value, required, disabled):
    attrs = {**ATTRS, "autocomplete": "off", "required": required, "disabled": disabled}
    ours = DirectSearchInput(attrs=attrs).render("q", value)
    django = forms.SearchInput(attrs=attrs).render("q", value)
    assert parse_html(ours) == parse_html(django)
