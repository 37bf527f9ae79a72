from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory, Role
from koers.access.models import Municipality, User
from koers.access.query import categories_for, municipalities_with, visible_persons
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.monitoring.tables import csv_download, xlsx_download
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from . import services
from .access import municipality_or_404, require_any, round_or_404
from .constants import EDITOR_ROLES, INTERVIEWER_ROLES, REPORT_ROLES, InterviewStatus
from .defaults import ensure_defaults
from .forms import FollowUpForm, InterviewForm, RecordForm, RepeatForm, RoundForm, ThemesForm, TopicListForm
from .models import FollowUpAction, Interview, InterviewRound, Participant, Theme, TopicList
from .report import REPORT_TABLES, ThematicReport, report_tables, thematic_report

SECTION_KEY = "gesprekken"
MENU_KEY = "kwalitatief"
PURPOSE_SCREEN = "Scherm: kwalitatieve monitoring"
OWNER_ROLES = (Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER)


def post_data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def log_persons(request: HttpRequest, persons: list[Person], categories: set[DataCategory], action=Action.READ):
    if persons:
        record(user=request.user, action=action, persons=persons, categories=categories, purpose=PURPOSE_SCREEN,
               channel=Channel.UI, request=request)


def form_screen(request: HttpRequest, form, *, title: str, submit: str, back: str, run: Callable[[], object],
                success: str, next_url: Callable[[object], str], intro: str = "") -> HttpResponse:
    """A plain form screen: on a valid POST ``run`` it (refusals become the form's errors), else show it."""
    if request.method == "POST" and form.is_valid():
        try:
            result = run()
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, success)
            return redirect(next_url(result))
    errors = form_error_links(form, form_anchor="formulier") if request.method == "POST" else []
    return render(request, "begeleiding/plain_form.html", {
        "form": form, "title": title, "submit": submit, "back": back, "intro": intro, "errors": errors,
        "errors_title": summary_title(errors), "active_menu": MENU_KEY,
    }, status=400 if errors else 200)


@screen_login_required
@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest) -> HttpResponse:
    report_ids = require_any(request.user, REPORT_ROLES)
    interviewer_ids = municipalities_with(request.user, INTERVIEWER_ROLES)
    form = RoundForm(post_data(request), municipality_ids=interviewer_ids) if interviewer_ids else None
    if request.method == "POST":
        if form is None:
            raise Http404(_("Je rol mag geen gespreksronde plannen."))
        if form.is_valid():
            try:
                created = services.create_round(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                ensure_defaults(created.municipality)
                messages.success(request, _("De gespreksronde is aangemaakt."))
                return redirect("kwalitatief:round", pk=created.pk)
    errors = form_error_links(form, form_anchor="nieuwe-ronde") if request.method == "POST" else []
    listed = InterviewRound.objects.filter(municipality_id__in=report_ids).select_related("municipality", "repeats")
    return render(request, "kwalitatief/rounds.html", {
        "rounds": listed, "form": form, "errors": errors, "errors_title": summary_title(errors),
        "interviewer_ids": interviewer_ids,
        "editor_municipalities": Municipality.objects.filter(pk__in=municipalities_with(request.user, EDITOR_ROLES)),
        "active_menu": MENU_KEY,
    }, status=400 if errors else 200)


@screen_login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview_round = round_or_404(request.user, INTERVIEWER_ROLES, pk)
    interviews = list(
        interview_round.interviews.select_related("topic_list", "interviewer")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.select_related("person")))
    )
    log_persons(request, [p.person for i in interviews for p in i.participants.all()], {DataCategory.IDENTITY},
                Action.LIST)
    return render(request, "kwalitatief/round.html", {
        "round": interview_round, "interviews": interviews, "repeat_form": RepeatForm(),
        "active_menu": MENU_KEY,
    })


def persons_in_reach(user: User, ids: list[int]) -> list[Person]:
    found = {p.pk: p for p in visible_persons(user).filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(_("Deze Koers-nummers ken je niet of je mag het dossier niet inzien: %(ids)s.")
                              % {"ids": ", ".join(map(str, missing))})
    return [found[i] for i in ids]


@screen_login_required
@require_http_methods(["GET", "POST"])
def plan_interview(request: HttpRequest, pk: int) -> HttpResponse:
    interview_round = round_or_404(request.user, INTERVIEWER_ROLES, pk)
    ensure_defaults(interview_round.municipality)
    form = InterviewForm(post_data(request), municipality_id=interview_round.municipality_id)

    def run():
        data = form.cleaned_data
        return services.plan_interview(
            actor=request.user, interview_round=interview_round, topic_list=data["topic_list"],
            planned_on=data["planned_on"], setting=data["setting"], language=data["language"],
            interpreter_language=data["interpreter_language"],
            persons=persons_in_reach(request.user, data["persons"]), respondent_role=data["respondent_role"],
            request=request,
        )

    back = reverse("kwalitatief:round", kwargs={"pk": interview_round.pk})
    return form_screen(request, form, title=_("Gesprek plannen in %(round)s") % {"round": interview_round.name},
                       submit=_("Gesprek plannen"), back=back, run=run, success=_("Het gesprek is gepland."),
                       next_url=lambda interview: reverse("kwalitatief:interview", kwargs={"pk": interview.pk}))


def interview_or_404(request: HttpRequest, pk: int) -> Interview:
    ids = require_any(request.user, INTERVIEWER_ROLES)
    interview = (Interview.objects.filter(pk=pk, round__municipality_id__in=ids)
                 .select_related("round__municipality", "topic_list", "interviewer").first())
    if interview is None:
        tried = Participant.objects.filter(interview_id=pk).select_related("person") if loggable_id(pk) else []
        record_refused_read(request, purpose=PURPOSE_SCREEN, channel=Channel.UI, persons=[p.person for p in tried])
        raise Http404(_("Dit gesprek bestaat niet of je hebt er geen toegang toe."))
    return interview


@screen_login_required
@require_http_methods(["GET", "POST"])
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = interview_or_404(request, pk)
    themes = list(Theme.objects.filter(municipality_id=interview.round.municipality_id))
    form = RecordForm(post_data(request), interview=interview, themes=themes)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_interview(actor=request.user, interview=interview, held_on=form.cleaned_data["held_on"],
                                      answers=form.answers(), consents=form.consents(), request=request)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Het gesprek is vastgelegd."))
            return redirect("kwalitatief:interview", pk=interview.pk)
    persons = [p.person for p in form.participants]
    if request.method == "GET":
        log_persons(request, persons, {DataCategory.IDENTITY, DataCategory.NOTES})
    follow_ups = FollowUpAction.objects.filter(participant__interview=interview).select_related("person", "owner")
    errors = form_error_links(form, form_anchor="verslag") if request.method == "POST" else []
    return render(request, "kwalitatief/interview.html", {
        "interview": interview, "form": form, "follow_ups": follow_ups, "errors": errors,
        "errors_title": summary_title(errors), "active_menu": MENU_KEY,
        "can_cancel": interview.status == InterviewStatus.PLANNED,
    }, status=400 if errors else 200)


@screen_login_required
@require_POST
def cancel_interview(request: HttpRequest, pk: int) -> HttpResponse:
    interview = interview_or_404(request, pk)
    try:
        services.cancel_interview(actor=request.user, interview=interview)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het gesprek is vervallen."))
    return redirect("kwalitatief:round", pk=interview.round_id)


@screen_login_required
@require_http_methods(["GET", "POST"])
def repeat_round(request: HttpRequest, pk: int) -> HttpResponse:
    interview_round = round_or_404(request.user, INTERVIEWER_ROLES, pk)
    form = RepeatForm(post_data(request), initial={"name": _("%(name)s, herhaling") % {"name": interview_round.name}})
    return form_screen(
        request, form, title=_("Ronde herhalen: %(round)s") % {"round": interview_round.name},
        submit=_("Herhaling plannen"), back=reverse("kwalitatief:round", kwargs={"pk": interview_round.pk}),
        intro=_("Dezelfde deelnemers en topiclijsten, een aantal maanden later. Vervallen gesprekken worden niet herhaald."),
        run=lambda: services.repeat_round(actor=request.user, interview_round=interview_round,
                                          months=form.cleaned_data["months"], name=form.cleaned_data["name"]),
        success=_("De herhaling is gepland."),
        next_url=lambda repeated: reverse("kwalitatief:round", kwargs={"pk": repeated.pk}),
    )


def owner_candidates(person: Person):
    return (User.objects.filter(is_active=True, memberships__role__in=OWNER_ROLES,
                                memberships__organisation__serves=person.municipality_id)
            .distinct().order_by("first_name", "last_name", "username"))


@screen_login_required
@require_http_methods(["GET", "POST"])
def add_follow_up(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    interview = interview_or_404(request, pk)
    participant = (Participant.objects.filter(pk=participant_pk, interview=interview).select_related("person")
                   .first())
    if participant is None:
        raise Http404(_("Deze deelnemer hoort niet bij dit gesprek."))
    form = FollowUpForm(post_data(request), owners=owner_candidates(participant.person),
                        municipality_id=participant.person.municipality_id)
    if request.method == "GET":
        log_persons(request, [participant.person], {DataCategory.IDENTITY})
    back = reverse("kwalitatief:interview", kwargs={"pk": interview.pk})
    return form_screen(
        request, form, title=_("Vervolgactie voor %(name)s") % {"name": participant.person.full_name},
        submit=_("Actie toevoegen"), back=back,
        intro=_("De actie komt in het dossier en op de aandachtslijst, alleen als de inburgeraar daar toestemming voor gaf."),
        run=lambda: services.add_follow_up(actor=request.user, participant=participant, request=request,
                                           **form.cleaned_data),
        success=_("De vervolgactie staat in het dossier."), next_url=lambda _action: back,
    )


@screen_login_required
@require_POST
def complete_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    action = (FollowUpAction.objects.filter(pk=pk, person__in=visible_persons(request.user))
              .select_related("person").first())
    if action is None or DataCategory.NOTES not in categories_for(request.user, action.person):
        raise Http404(_("Deze vervolgactie bestaat niet of je hebt er geen toegang toe."))
    try:
        services.complete_follow_up(actor=request.user, action=action, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vervolgactie is afgerond."))
    return redirect("kwalitatief:person", pk=action.person_id)


def read_report(request: HttpRequest, pk: int, action: Action, what: str) -> ThematicReport:
    interview_round = round_or_404(request.user, REPORT_ROLES, pk)
    record(user=request.user, action=action, purpose=PURPOSE_SCREEN, channel=Channel.UI, request=request,
           detail=f"Thematisch verslag, ronde {interview_round.pk}{what}", aggregate=True,
           municipality_id=interview_round.municipality_id)
    return thematic_report(interview_round)


@screen_login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "kwalitatief/report.html", {
        "report": read_report(request, pk, Action.READ, ""), "active_menu": MENU_KEY,
    })


@screen_login_required
@require_GET
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    tables = report_tables(read_report(request, pk, Action.EXPORT, ": XLSX"))
    return xlsx_download(tables, f"verslag-ronde-{pk}.xlsx")


@screen_login_required
@require_GET
def report_csv(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    if key not in REPORT_TABLES:
        raise Http404(_("Deze tabel bestaat niet."))
    tables = report_tables(read_report(request, pk, Action.EXPORT, f": {key}.csv"))
    table = next(t for t in tables if t.key == key)
    return csv_download(table, f"verslag-ronde-{pk}-{key}.csv")


@screen_login_required
@require_GET
def topic_lists(request: HttpRequest, municipality_id: int) -> HttpResponse:
    municipality = municipality_or_404(request.user, EDITOR_ROLES, municipality_id)
    ensure_defaults(municipality)
    return render(request, "kwalitatief/topic_lists.html", {
        "municipality": municipality, "active_menu": MENU_KEY,
        "topic_lists": TopicList.objects.filter(municipality=municipality).prefetch_related("topics"),
        "themes": Theme.objects.filter(municipality=municipality),
    })


def editable_list_or_404(request: HttpRequest, pk: int) -> TopicList:
    ids = require_any(request.user, EDITOR_ROLES)
    found = TopicList.objects.filter(pk=pk, municipality_id__in=ids).first()
    if found is None:
        raise Http404(_("Deze topiclijst bestaat niet of je beheert haar niet."))
    return found


@screen_login_required
@require_http_methods(["GET", "POST"])
def edit_topic_list(request: HttpRequest, pk: int) -> HttpResponse:
    topic_list = editable_list_or_404(request, pk)
    initial = {"name": topic_list.name,
               "topics": "\n".join(f"{t.section} | {t.question}" for t in topic_list.topics.all())}
    form = TopicListForm(post_data(request), initial=initial)
    back = reverse("kwalitatief:topic_lists", kwargs={"municipality_id": topic_list.municipality_id})
    return form_screen(
        request, form, title=_("Topiclijst wijzigen"), submit=_("Opslaan"), back=back,
        run=lambda: services.save_topic_list(topic_list=topic_list, name=form.cleaned_data["name"],
                                             topics=form.cleaned_data["topics"]),
        success=_("De topiclijst is opgeslagen."), next_url=lambda _saved: back,
    )


@screen_login_required
@require_POST
def new_topic_list_version(request: HttpRequest, pk: int) -> HttpResponse:
    copy = services.new_topic_list_version(topic_list=editable_list_or_404(request, pk))
    messages.success(request, _("Er is een nieuwe versie gemaakt; de oude lijst wordt niet meer aangeboden."))
    return redirect("kwalitatief:edit_topic_list", pk=copy.pk)


@screen_login_required
@require_http_methods(["GET", "POST"])
def edit_themes(request: HttpRequest, municipality_id: int) -> HttpResponse:
    municipality = municipality_or_404(request.user, EDITOR_ROLES, municipality_id)
    initial = {"themes": "\n".join(f"{t.code} | {t.label}" for t in Theme.objects.filter(municipality=municipality))}
    form = ThemesForm(post_data(request), initial=initial)
    back = reverse("kwalitatief:topic_lists", kwargs={"municipality_id": municipality.pk})
    return form_screen(
        request, form, title=_("Thema's wijzigen"), submit=_("Opslaan"), back=back,
        run=lambda: services.save_themes(municipality=municipality, themes=form.cleaned_data["themes"]),
        success=_("De thema's zijn opgeslagen."), next_url=lambda _saved: back,
    )


@screen_login_required
@require_GET
def person_interviews(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_person(request, pk, PURPOSE_SCREEN)
    if DataCategory.NOTES not in categories_for(request.user, person):
        raise Http404(_("Dit dossier bestaat niet of je hebt er geen toegang toe."))
    participations = list(person.interview_participations.select_related("interview__round",
                                                                        "interview__topic_list"))
    follow_ups = list(person.interview_follow_ups.select_related("owner", "theme"))
    log_persons(request, [person], {DataCategory.IDENTITY, DataCategory.NOTES})
    return render(request, "kwalitatief/person.html", {
        **dossier_context(request, person, SECTION_KEY, _("Gesprekken")),
        "participations": participations, "follow_ups": follow_ups,
    })
