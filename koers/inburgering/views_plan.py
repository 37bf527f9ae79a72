"""Screens of the plan: the tab "Brede intake en PIP", the brede intake, the leerbaarheidstoets, a PIP
version (write, decide, revise), the comparison of two versions, the letter and the objection.

Every screen reaches the person through ``find_person`` and ``PLAN_ROLES``, logs what it showed, and
leaves the domain rules to ``brede_intake`` and ``pip``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from koers.access.constants import DataCategory
from koers.access.query import can_edit, categories_for, grants_reaching
from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.forms import KoersForm
from koers.people.models import Person
from koers.people.views import dossier_context, find_person
from koers.signals.policy import current_thresholds

from .brede_intake import (
    domains_for,
    language_name,
    latest_completed_intake,
    open_intake,
    readable_answers,
    register_leerbaarheidstoets,
    save_intake,
)
from .constants import PipStatus
from .forms_plan import CompareForm, IntakeForm, LeerbaarheidstoetsForm, ObjectionForm, PipForm, WithdrawForm
from .letters import render_pip_letter
from .models import Inburgeringsplicht, PipVersie
from .pip import (
    PipRefused,
    PipRulesBroken,
    concept_pip,
    current_pip,
    decide,
    duty_of,
    initial_concept,
    objection_deadline,
    objection_decision_due,
    objection_in_time,
    register_objection,
    save_concept,
    versions,
    withdraw,
)
from .pip_diff import diff_versions
from .plan_tabs import PIP_ROLES, PLAN_ROLES, SECTION_KEY
from .terms import leerroute_deadline

PURPOSE_PLAN = "Scherm: brede intake en PIP"
PURPOSE_INTAKE = "Scherm: brede intake"
PURPOSE_TOETS = "Scherm: leerbaarheidstoets registreren"
PURPOSE_PIP = "Scherm: PIP opstellen en vaststellen"
PURPOSE_PIP_VERSION = "Scherm: PIP-versie inzien"
PURPOSE_COMPARE = "Scherm: PIP-versies vergelijken"
PURPOSE_LETTER = "Brief: PIP-beschikking downloaden"
PURPOSE_OBJECTION = "Scherm: bezwaar tegen PIP registreren"
PURPOSE_WITHDRAW = "Scherm: PIP intrekken bij DUO"

SAVE = "opslaan"
COMPLETE = "afronden"
DECIDE = "vaststellen"


def roles_reaching(request: HttpRequest, person: Person) -> frozenset:
    return frozenset(grant.role for grant in grants_reaching(request.user, person))


def find_plan_person(request: HttpRequest, pk: int, purpose: str) -> Person:
    """The person, when the user reaches them in a role that sees the plan; otherwise a 404 and the
    refused attempt in the audit log (a volunteer or language provider never learns the plan exists)."""
    person = find_person(request, pk, purpose)
    if not roles_reaching(request, person) & PLAN_ROLES:
        record_refused_read(request, purpose=purpose, channel=Channel.UI, attempted=pk)
        raise Http404(_("Dit dossier bestaat niet of je hebt er geen toegang toe."))
    return person


def require_editor(request: HttpRequest, person: Person) -> None:
    if not can_edit(request.user, person):
        raise PermissionDenied(_("Je rol mag de brede intake en de leerbaarheidstoets niet wijzigen."))


def require_pip_role(request: HttpRequest, person: Person) -> None:
    if not roles_reaching(request, person) & PIP_ROLES:
        raise PermissionDenied(_("Alleen de consulent inburgering stelt een PIP op en vast."))


def log_read(
    request: HttpRequest, person: Person, categories, purpose: str, action: Action = Action.READ
) -> None:
    record(
        user=request.user,
        action=action,
        persons=[person],
        categories=categories,
        purpose=purpose,
        channel=Channel.UI,
        request=request,
    )


def plan_context(request: HttpRequest, person: Person, title: str | None = None) -> dict:
    roles = roles_reaching(request, person)
    return {
        **dossier_context(request, person, SECTION_KEY, title),
        "may_edit": can_edit(request.user, person),
        "may_decide": bool(roles & PIP_ROLES),
        "active_menu": "caseload",
    }


def committee_hears_objections(person: Person) -> bool:
    """The municipality's policy: an advisory committee hears objections (twelve weeks to decide)."""
    return current_thresholds(person.municipality).objection_committee


def find_version(person: Person, number: int) -> PipVersie:
    pip = (
        person.pip_versies.select_related("decided_by", "created_by", "brede_intake")
        .filter(number=number)
        .first()
    )
    if pip is None:
        raise Http404(_("Deze versie van het PIP bestaat niet."))
    return pip


def version_rows(person: Person) -> list[dict]:
    return [
        {
            "pip": pip,
            "objection_deadline": objection_deadline(pip),
            "objection_in_time": objection_in_time(pip),
        }
        for pip in versions(person)
    ]


@screen_login_required
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_PLAN)
    plicht = Inburgeringsplicht.objects.filter(person=person).first()
    rows = version_rows(person)
    decided = [row["pip"].number for row in rows if row["pip"].status != PipStatus.CONCEPT]
    current = current_pip(person)
    context = {
        **plan_context(request, person, _("Brede intake en PIP")),
        "plicht": plicht,
        "leerroute_deadline": (
            leerroute_deadline(plicht.leerroute_term_start)
            if plicht and plicht.leerroute_term_start
            else None
        ),
        "open_intake": open_intake(person),
        "completed_intake": latest_completed_intake(person),
        "toetsen": list(person.leerbaarheidstoetsen.all()),
        "current": current,
        "current_deadline": objection_deadline(current) if current else None,
        "decision_due": objection_decision_due(current, committee_hears_objections(person)) if current else None,
        "concept": concept_pip(person),
        "rows": rows,
        "compare_form": CompareForm(
            initial={"van": decided[1], "naar": decided[0]} if len(decided) > 1 else {},
            numbers=sorted(decided),
        ),
        "can_compare": len(decided) > 1,
    }
    log_read(request, person, [DataCategory.IDENTITY, DataCategory.EDUCATION_WORK], PURPOSE_PLAN)
    return render(request, "inburgering/plan/overview.html", context)


@screen_login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_INTAKE)
    require_editor(request, person)
    categories = categories_for(request.user, person)
    domains = domains_for(categories)
    current = open_intake(person)
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data, initial=IntakeForm.initial_for(current), domains=domains)
    if data is not None and form.is_valid():
        complete = data.get("action") == COMPLETE
        try:
            save_intake(
                actor=request.user,
                person=person,
                data=form.intake_data(),
                complete=complete,
                purpose=PURPOSE_INTAKE,
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if complete:
                messages.success(
                    request, _("De brede intake is afgerond. De samenvatting staat klaar voor het PIP.")
                )
                return redirect("inburgering:plan", pk=person.pk)
            messages.success(
                request, _("Het concept van de brede intake is opgeslagen. Je kunt later verder gaan.")
            )
            return redirect("inburgering:intake", pk=person.pk)
    log_read(
        request, person, {domain.category for domain in domains} | {DataCategory.IDENTITY}, PURPOSE_INTAKE
    )
    errors = form_error_links(form, form_anchor="gesprek") if data is not None else []
    context = {
        **plan_context(request, person, _("Brede intake")),
        "form": form,
        "intake": current,
        "errors": errors,
        "errors_title": summary_title(errors),
    }
    return render(request, "inburgering/plan/intake_form.html", context)


def add_errors(form, error: ValidationError) -> None:
    """A service's ``ValidationError`` on the form: per field where it names one the form has."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@screen_login_required
@require_GET
def intake_detail(request: HttpRequest, pk: int, intake_id: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_INTAKE)
    found = person.brede_intakes.select_related("conducted_by").filter(pk=intake_id).first()
    if found is None:
        raise Http404(_("Deze brede intake bestaat niet."))
    categories = categories_for(request.user, person)
    sections = readable_answers(found, categories)
    context = {
        **plan_context(request, person, _("Brede intake")),
        "intake": found,
        "sections": sections,
        "language": language_name(found.conversation_language) if found.conversation_language else "",
    }
    log_read(
        request,
        person,
        {section.domain.category for section in sections}
        | {DataCategory.IDENTITY, DataCategory.EDUCATION_WORK},
        PURPOSE_INTAKE,
    )
    return render(request, "inburgering/plan/intake_detail.html", context)


@screen_login_required
@require_http_methods(["GET", "POST"])
def leerbaarheidstoets(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_TOETS)
    require_editor(request, person)
    data = request.POST if request.method == "POST" else None
    form = LeerbaarheidstoetsForm(data)
    if data is not None and form.is_valid():
        try:
            register_leerbaarheidstoets(
                actor=request.user, person=person, purpose=PURPOSE_TOETS, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("De leerbaarheidstoets is geregistreerd."))
            return redirect("inburgering:plan", pk=person.pk)
    log_read(request, person, [DataCategory.IDENTITY], PURPOSE_TOETS)
    errors = form_error_links(form) if data is not None else []
    context = {
        **plan_context(request, person, _("Leerbaarheidstoets")),
        "form": form,
        "errors": errors,
        "errors_title": summary_title(errors),
    }
    return render(request, "inburgering/plan/leerbaarheidstoets_form.html", context)


def write_pip(request: HttpRequest, person: Person, form: PipForm) -> PipVersie:
    """Save the concept and, when asked, decide it: all or nothing."""
    data = form.pip_data()
    deciding = request.POST.get("action") == DECIDE
    if deciding and data["dagtekening"] is None:
        raise ValidationError({"dagtekening": _("Vul de dagtekening in om het PIP vast te stellen.")})
    with transaction.atomic():
        pip = save_concept(actor=request.user, person=person, data=data, purpose=PURPOSE_PIP, request=request)
        if deciding:
            pip = decide(
                actor=request.user,
                pip=pip,
                dagtekening=data["dagtekening"],
                purpose=PURPOSE_PIP,
                request=request,
            )
    return pip


@screen_login_required
@require_http_methods(["GET", "POST"])
def pip_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the concept of a new version (the first PIP or a revision) and decide it."""
    person = find_plan_person(request, pk, PURPOSE_PIP)
    require_pip_role(request, person)
    concept = concept_pip(person)
    current = current_pip(person)
    data = request.POST if request.method == "POST" else None
    form = PipForm(data, instance=concept, initial=None if concept else initial_concept(person))
    try:
        duty_of(person)
        refusal = None
    except PipRefused as refused:
        refusal = refused.message
    if refusal is None and data is not None and form.is_valid():
        try:
            pip = write_pip(request, person, form)
        except PipRulesBroken as broken:
            for violation in broken.violations:
                form.add_error(violation.field if violation.field in form.fields else None, violation.message)
        except PipRefused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if pip.status == PipStatus.VASTGESTELD:
                messages.success(
                    request,
                    _("PIP versie %(number)s is vastgesteld. Bezwaar is mogelijk tot en met %(date)s.")
                    % {"number": pip.number, "date": objection_deadline(pip).strftime("%d-%m-%Y")},
                )
                return redirect("inburgering:pip_detail", pk=person.pk, number=pip.number)
            messages.success(
                request, _("Het concept van PIP versie %(number)s is opgeslagen.") % {"number": pip.number}
            )
            return redirect("inburgering:pip_edit", pk=person.pk)
    log_read(request, person, [DataCategory.IDENTITY, DataCategory.EDUCATION_WORK], PURPOSE_PIP)
    errors = form_error_links(form, form_anchor="beschikking") if data is not None else []
    context = {
        **plan_context(request, person, _("PIP herzien") if current else _("PIP opstellen")),
        "form": form,
        "concept": concept,
        "current": current,
        "refusal": refusal,
        "intake": latest_completed_intake(person),
        "errors": errors,
        "errors_title": summary_title(errors),
    }
    return render(request, "inburgering/plan/pip_form.html", context)


@screen_login_required
@require_GET
def pip_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_PIP_VERSION)
    pip = find_version(person, number)
    log_read(request, person, [DataCategory.IDENTITY, DataCategory.EDUCATION_WORK], PURPOSE_PIP_VERSION)
    return render(request, "inburgering/plan/pip_detail.html", version_context(request, person, pip))


def version_context(
    request: HttpRequest, person: Person, pip: PipVersie, *, objection_form: ObjectionForm | None = None,
    withdraw_form: WithdrawForm | None = None, errors: list | None = None,
) -> dict:
    """What the screen of one version shows: the version, its objection period and the objection, and
    for the version in force the withdrawal at DUO."""
    initial = {"filed_on": pip.objection_filed_on, "outcome": pip.objection_outcome or None}
    return {
        **plan_context(request, person, _("PIP versie %(number)s") % {"number": pip.number}),
        "pip": pip,
        "deadline": objection_deadline(pip),
        "in_time": objection_in_time(pip),
        "decision_due": objection_decision_due(pip, committee_hears_objections(person)),
        "objection_form": objection_form or ObjectionForm(initial=initial),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "errors": errors or [],
        "errors_title": summary_title(errors or []),
    }


@screen_login_required
@require_GET
def pip_compare(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_COMPARE)
    decided = {pip.number: pip for pip in versions(person) if pip.status != PipStatus.CONCEPT}
    form = CompareForm(request.GET or None, numbers=sorted(decided))
    changes = None
    old = new = None
    if form.is_bound and form.is_valid():
        old, new = sorted(
            (decided[form.cleaned_data["van"]], decided[form.cleaned_data["naar"]]), key=lambda p: p.number
        )
        changes = diff_versions(old, new)
    context = {
        **plan_context(request, person, _("PIP-versies vergelijken")),
        "form": form,
        "old": old,
        "new": new,
        "changes": changes,
        "errors": form_error_links(form) if form.is_bound else [],
    }
    log_read(request, person, [DataCategory.IDENTITY, DataCategory.EDUCATION_WORK], PURPOSE_COMPARE)
    return render(request, "inburgering/plan/compare.html", context)


@screen_login_required
@require_GET
def pip_letter(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_LETTER)
    pip = find_version(person, number)
    if pip.status == PipStatus.CONCEPT:
        raise Http404(_("Een concept heeft nog geen brief; stel het PIP eerst vast."))
    letter = render_pip_letter(pip)
    log_read(
        request,
        person,
        [DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.EDUCATION_WORK],
        PURPOSE_LETTER,
        Action.EXPORT,
    )
    response = HttpResponse(letter.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    return response


@dataclass(frozen=True)
class VersionAction:
    """A form posted on the screen of one version: what it is logged as, its form, the id of the form on
    the screen and the name the screen knows it by."""

    purpose: str
    form_class: type[KoersForm]
    anchor: str
    context_name: str


OBJECTION = VersionAction(PURPOSE_OBJECTION, ObjectionForm, "bezwaar", "objection_form")
WITHDRAWAL = VersionAction(PURPOSE_WITHDRAW, WithdrawForm, "intrekken", "withdraw_form")


def version_action(
    request: HttpRequest, pk: int, number: int, action: VersionAction,
    perform: Callable[[Person, PipVersie, dict], HttpResponse],
) -> HttpResponse:
    """For the consultant: ``perform`` calls the service and answers; a refusal (DUO's rules, the
    situation, bad input) is shown on the version's screen with nothing changed."""
    person = find_plan_person(request, pk, action.purpose)
    require_pip_role(request, person)
    pip = find_version(person, number)
    form = action.form_class(request.POST)
    if form.is_valid():
        try:
            return perform(person, pip, form.cleaned_data)
        except PipRulesBroken as broken:
            for violation in broken.violations:
                form.add_error(None, violation.message)
        except PipRefused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_errors(form, error)
    errors = form_error_links(form, form_anchor=action.anchor)
    log_read(request, person, [DataCategory.IDENTITY, DataCategory.EDUCATION_WORK], action.purpose)
    context = version_context(request, person, pip, errors=errors, **{action.context_name: form})
    return render(request, "inburgering/plan/pip_detail.html", context, status=400)


@screen_login_required
@require_http_methods(["POST"])
def pip_objection(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    def perform(person: Person, pip: PipVersie, data: dict) -> HttpResponse:
        register_objection(actor=request.user, pip=pip, filed_on=data["filed_on"], outcome=data["outcome"],
                           purpose=PURPOSE_OBJECTION, request=request)
        messages.success(request, _("Het bezwaar is geregistreerd."))
        return redirect("inburgering:pip_detail", pk=person.pk, number=pip.number)

    return version_action(request, pk, number, OBJECTION, perform)


@screen_login_required
@require_http_methods(["POST"])
def pip_withdraw(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Withdraw the version in force at DUO, under DUO's rules for deleting a PIP."""
    def perform(person: Person, pip: PipVersie, data: dict) -> HttpResponse:
        withdraw(actor=request.user, pip=pip, reason=data["reason"], purpose=PURPOSE_WITHDRAW, request=request)
        messages.success(request, _("PIP versie %(number)s is bij DUO ingetrokken.") % {"number": pip.number})
        return redirect("inburgering:plan", pk=person.pk)

    return version_action(request, pk, number, WITHDRAWAL, perform)
