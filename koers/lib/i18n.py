"""Translations looked up once per language.

Django looks a text up in every catalogue of the active language, and a Dutch text that has no
Dutch translation passes through each of them and the fallbacks before it comes back as it was:
some ten microseconds. A screen that writes the labels of a choice on fifty rows asks for them here.
(A model's ``get_FOO_display`` translates every label of the field's choices to show one.)"""

from __future__ import annotations

import functools

from django.core.signals import setting_changed
from django.db.models import Model
from django.dispatch import receiver
from django.utils import translation


def field_labels(model: type[Model], name: str) -> dict[object, str]:
    """The translated label of each choice of the field ``name`` of ``model``, in the active language."""
    return _field_labels(translation.get_language(), model, name)


def field_label(instance: Model, name: str) -> object:
    """What ``instance.get_<name>_display()`` gives: the label of the field's value, or the value
    itself when it is not one of the choices."""
    value = getattr(instance, name)
    return field_labels(type(instance), name).get(value, value)


@functools.cache
def _field_labels(language: str | None, model: type[Model], name: str) -> dict[object, str]:
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


@receiver(setting_changed)
def forget_translations(*, setting: str, **kwargs: object) -> None:
    """Keeps the kept labels true to a test's changed language settings, as Django keeps its own."""
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _field_labels.cache_clear()
