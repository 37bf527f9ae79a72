"""The functional administrator records the taakstelling per municipality and half year."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from koers.access.constants import Role
from koers.access.models import Municipality
from koers.access.query import municipalities_with
from koers.lib.forms import form_error_links
from koers.lib.views import screen_login_required

from .forms import error_context
from .models import HalfYear, Taakstelling

TAAKSTELLING_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})


def administered_municipalities(user) -> list[Municipality]:
    ids = municipalities_with(user, TAAKSTELLING_ROLES)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


class TaakstellingForm(forms.Form):
    municipality = forms.TypedChoiceField(label=gettext_lazy("Gemeente"), coerce=int)
    year = forms.IntegerField(label=gettext_lazy("Jaar"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(label=gettext_lazy("Halfjaar"), choices=HalfYear.choices, coerce=int)
    number = forms.IntegerField(
        label=gettext_lazy("Aantal te huisvesten statushouders"), min_value=0, max_value=100_000
    )

    def __init__(self, *args, municipalities: list[Municipality], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.pk, m.name) for m in municipalities]


@screen_login_required
@require_http_methods(["GET", "POST"])
def taakstelling(request: HttpRequest) -> HttpResponse:
    municipalities = administered_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied(_("Je rol heeft geen toegang tot dit scherm."))
    form = TaakstellingForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        Taakstelling.objects.update_or_create(
            municipality_id=data["municipality"],
            year=data["year"],
            half=data["half"],
            defaults={"number": data["number"], "updated_by": request.user},
        )
        messages.success(request, _("De taakstelling is opgeslagen."))
        return redirect("monitoring:taakstelling")
    errors = form_error_links(form) if request.method == "POST" else []
    return render(
        request,
        "monitoring/taakstelling.html",
        {
            "form": form,
            **error_context(errors),
            "taakstellingen": Taakstelling.objects.filter(municipality__in=municipalities).select_related(
                "municipality"
            ),
            "active_menu": "taakstelling",
        },
        status=400 if errors else 200,
    )
