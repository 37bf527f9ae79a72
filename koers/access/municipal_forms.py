"""Screens that set a municipality's policy as data (retention, two-factor verification): one form
per municipality the user looks after; a post names its municipality and binds only that form."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from koers.lib.forms import form_error_links, summary_title

from .models import Municipality


@dataclass(frozen=True)
class MunicipalForm:
    municipality: Municipality
    form: forms.ModelForm

    @property
    def configured(self) -> bool:
        return self.form.instance.pk is not None


def form_of(
    form_class: type[forms.ModelForm], municipality: Municipality, data: dict | None
) -> forms.ModelForm:
    """The municipality's policy (a model with a ``municipality``) in ``form_class``; a new one when
    it has none yet."""
    model = form_class._meta.model
    instance = model.objects.filter(municipality=municipality).first() or model(municipality=municipality)
    return form_class(data, instance=instance, prefix=f"m{municipality.pk}")


def forms_per_municipality(
    request: HttpRequest, municipalities: Iterable[Municipality], form_class: type[forms.ModelForm]
) -> tuple[list[MunicipalForm], MunicipalForm | None]:
    """The form of each municipality, and the one that was posted (``None`` on a GET or when the post
    names a municipality outside ``municipalities``)."""
    rows, posted = [], None
    for municipality in municipalities:
        chosen = request.method == "POST" and request.POST.get("municipality") == str(municipality.pk)
        row = MunicipalForm(municipality, form_of(form_class, municipality, request.POST if chosen else None))
        rows.append(row)
        posted = row if chosen else posted
    return rows, posted


def municipal_policy_page(
    request: HttpRequest,
    municipalities: Iterable[Municipality],
    form_class: type[forms.ModelForm],
    *,
    template: str,
    done: str,
    saved: str,
    after_save: Callable[[MunicipalForm], None] | None = None,
) -> HttpResponse:
    """The page: a valid post is saved (and ``after_save`` called), with the message ``saved`` (which
    names the municipality as ``%(name)s``); an invalid one is shown again with its errors (400)."""
    rows, posted = forms_per_municipality(request, municipalities, form_class)
    if posted and posted.form.is_valid():
        posted.form.save()
        if after_save is not None:
            after_save(posted)
        messages.success(request, saved % {"name": posted.municipality})
        return redirect(done)
    errors = form_error_links(posted.form) if posted else []
    context = {
        "rows": rows, "errors": errors, "errors_title": summary_title(errors), "active_menu": "privacy"
    }
    return render(request, template, context, status=400 if errors else 200)
