"""Screens of the dossiers: the caseload, one dossier, registering a person (koppeling).

Every screen reaches persons through ``koers.access.query`` and logs what it showed through
``koers.audit.log.record``, with a constant number of queries however many persons it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from koers.access.constants import DataCategory, Role
from koers.access.models import User
from koers.access.query import (
    ASSIGNMENT_REACH_FIELDS,
    can_register_in,
    categories_for,
    grants_for,
    reaches_municipality,
    reaches_through_assignments,
    roles_of,
    visible_persons,
)
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.dates import DAY
from koers.lib.forms import error_summary, form_error_links, formset_error_links, summary_title
from koers.lib.i18n import field_labels
from koers.lib.navigation import sections_for
from koers.lib.pagination import KnownCountPaginator, SearchPaginator, TotalWithPagePaginator
from koers.lib.views import screen_login_required, urls_by_pk

from .categories import shown_categories
from .constants import HouseholdRelation
from .consultants import consultants_around
from .forms import (
    FAMILY_PREFIX,
    MAX_FAMILY_MEMBERS,
    CaseloadFilterForm,
    FamilyFormSet,
    PersonRegistrationForm,
    TimelineFilterForm,
    empty_member_form,
    user_label,
)
from .models import Assignment, HouseholdMember, Person
from .services import register_person
from .totals import visible_total

CASELOAD_PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 25

PURPOSE_CASELOAD = "Scherm: caseload"
PURPOSE_DOSSIER = "Scherm: dossier inzien"
PURPOSE_TIMELINE = "Scherm: tijdlijn filteren"
PURPOSE_REGISTER = "Scherm: persoon registreren (koppeling)"


CASELOAD_RESULTS = "caseload-results"
TIMELINE_RESULTS = "timeline-results"


def htmx_target(request: HttpRequest) -> str | None:
    """The element an htmx request swaps (``None`` for a whole page, a history restore included)."""
    htmx = request.htmx
    if not htmx or htmx.history_restore_request:
        return None
    return htmx.target


def render_screen(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def may_see_bsn_somewhere(user: User) -> bool:
    return any(DataCategory.BSN in grant.categories for grant in grants_for(user))


@dataclass(frozen=True)
class RowLabels:
    """The translated labels of a page's rows, looked up once for the page."""

    target_groups: dict[object, str]
    phases: dict[object, str]

    @classmethod
    def now(cls) -> RowLabels:
        return cls(target_groups=field_labels(Person, "target_group"), phases=field_labels(Person, "phase"))


@dataclass(frozen=True)
class CaseloadRow:
    """One row of the caseload, its cells written out here: a page has fifty rows, and the template
    engine takes three times as long to look each value up itself."""

    person: Person
    show_bsn: bool
    url: str
    name: str
    date_of_birth: str
    target_group: str
    phase: str
    phase_label: str
    consultant: str | None
    koppeling_date: str

    @classmethod
    def of(cls, person: Person, show_bsn: bool, url: str, labels: RowLabels) -> CaseloadRow:
        return cls(
            person=person,
            show_bsn=show_bsn,
            url=url,
            name=person.full_name,
            date_of_birth=person.date_of_birth.strftime(DAY),
            target_group=labels.target_groups.get(person.target_group, person.target_group),
            phase=person.phase,
            phase_label=labels.phases.get(person.phase, person.phase),
            consultant=user_label(person.consultant) if person.consultant else None,
            koppeling_date=person.koppeling_date.strftime(DAY),
        )


def persons_for_screen(user: User) -> QuerySet[Person]:
    """Visible persons with what a dossier needs, assignments prefetched for ``categories_for``."""
    assignments = Assignment.objects.select_related("organisation", "user").order_by("start_date", "id")
    base = Person.objects.select_related("municipality", "consultant", "household_membership__household")
    return visible_persons(user, base.prefetch_related(Prefetch("assignments", queryset=assignments)))


CASELOAD_ROW_FIELDS = (
    "municipality", "bsn", "given_names", "family_name_prefix", "family_name", "date_of_birth", "target_group",
    "phase", "koppeling_date", "consultant__first_name", "consultant__last_name", "consultant__username",
)
"""The person's fields a caseload row shows or ``categories_for`` reads; the other thirty are left unread."""


def persons_for_list(user: User) -> QuerySet[Person]:
    """Visible persons with what a caseload row needs (``CASELOAD_ROW_FIELDS``); their assignments
    (the fields ``categories_for`` reads) only for a user who reaches dossiers through them."""
    base = Person.objects.select_related("consultant").only(*CASELOAD_ROW_FIELDS)
    if reaches_through_assignments(user):
        assignments = Assignment.objects.only(*ASSIGNMENT_REACH_FIELDS).order_by("start_date", "id")
        base = base.prefetch_related(Prefetch("assignments", queryset=assignments))
    return visible_persons(user, base)


def caseload_page(request: HttpRequest, form: CaseloadFilterForm) -> tuple[Page, list[CaseloadRow]]:
    persons = form.apply(persons_for_list(request.user))
    if form.search.bsn:
        # A BSN is found only by someone who may see it: otherwise a search would reveal it.
        persons = [p for p in persons if DataCategory.BSN in categories_for(request.user, p)]
    wanted = request.GET.get("page")
    if form.search.name:
        paginator = SearchPaginator(persons, CASELOAD_PAGE_SIZE, wanted)
    elif not form.is_filtered and (total := visible_total(request.user)) is not None:
        paginator = KnownCountPaginator(persons, CASELOAD_PAGE_SIZE, total)
    else:
        paginator = Paginator(persons, CASELOAD_PAGE_SIZE)
    page = paginator.get_page(wanted)
    url_of = urls_by_pk("people:detail")
    labels = RowLabels.now()
    rows = [CaseloadRow.of(p, DataCategory.BSN in categories_for(request.user, p), url_of(p.pk), labels) for p in page]
    return page, rows


def log_listed(request: HttpRequest, rows: Iterable[CaseloadRow]) -> None:
    """One LIST entry per person shown (with the BSN or not), in one INSERT."""
    rows = list(rows)
    record(
        user=request.user,
        action=Action.LIST,
        persons=[row.person for row in rows],
        categories={
            row.person.pk: {DataCategory.IDENTITY, DataCategory.BSN} if row.show_bsn else {DataCategory.IDENTITY}
            for row in rows
        },
        purpose=PURPOSE_CASELOAD,
        channel=Channel.UI,
        request=request,
    )


@screen_login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = CaseloadFilterForm(
        request.GET or None,
        user=user,
        consultants=lambda: consultants_around(user),
        may_search_bsn=may_see_bsn_somewhere(user),
        is_consultant=Role.CONSULTANT in roles_of(user),
    )
    page, rows = caseload_page(request, form)
    log_listed(request, rows)
    context = {
        "form": form,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "rows": rows,
        "show_bsn_column": any(row.show_bsn for row in rows),
    }
    partial = htmx_target(request) == CASELOAD_RESULTS
    return render_screen(
        request, "people/_caseload_results.html" if partial else "people/caseload.html", context
    )


def find_person(request: HttpRequest, pk: int, purpose: str) -> Person:
    """The visible person ``pk``; otherwise a 404, and the attempt is logged as refused."""
    person = persons_for_screen(request.user).filter(pk=pk).first() if loggable_id(pk) else None
    if person is None or not categories_for(request.user, person):
        record_refused_read(request, purpose=purpose, channel=Channel.UI, attempted=pk)
        raise Http404(_("Dit dossier bestaat niet of je hebt er geen toegang toe."))
    return person


@dataclass(frozen=True)
class MemberRow:
    """A household member as the dossier shows it. A member with a dossier of their own shows only
    a name, unless the user may open that dossier too: then a link, the date of birth and the age."""

    name: str
    relation: HouseholdRelation
    person: Person | None
    own_dossier: bool
    date_of_birth: dt.date | None
    age: int | None


def member_row(member: HouseholdMember, openable: set[int], today: dt.date) -> MemberRow:
    person = member.person if member.person_id in openable else None
    if member.person_id and person is None:
        born = None
    else:
        born = person.date_of_birth if person else member.date_of_birth
    return MemberRow(
        name=member.display_name,
        relation=HouseholdRelation(member.relation),
        person=person,
        own_dossier=bool(member.person_id),
        date_of_birth=born,
        age=age_on(born, today) if born else None,
    )


_RELATION_ORDER = {relation: index for index, relation in enumerate(HouseholdRelation)}


def household_rows(user: User, person: Person) -> list[MemberRow]:
    """The other members of the person's household: partner first, then children, oldest first."""
    household = person.household
    if household is None:
        return []
    members = [m for m in household.members.select_related("person") if m.person_id != person.pk]
    linked = [m.person for m in members if m.person_id]
    # Most members live in a municipality the user's team serves; only the others need the query.
    openable = {p.pk for p in linked if reaches_municipality(user, p.municipality_id)}
    others = [p.pk for p in linked if p.pk not in openable]
    if others:
        openable |= set(visible_persons(user).filter(pk__in=others).values_list("pk", flat=True))
    today = clock.today()
    rows = [member_row(member, openable, today) for member in members]
    return sorted(rows, key=lambda r: (_RELATION_ORDER[r.relation], r.date_of_birth or today, r.name))


def active_assignments(person: Person) -> list[Assignment]:
    today = clock.today()
    return [
        a
        for a in person.assignments.all()
        if a.start_date <= today and (a.end_date is None or a.end_date >= today)
    ]


def timeline_page(request: HttpRequest, person: Person, granted: frozenset[DataCategory]) -> tuple:
    form = TimelineFilterForm(request.GET or None, categories=granted)
    events = form.apply(person.timeline.filter(category__in=granted).select_related("actor"))
    wanted = request.GET.get("page")
    page = TotalWithPagePaginator(events, TIMELINE_PAGE_SIZE, wanted).get_page(wanted)
    return form, page


def dossier_context(
    request: HttpRequest, person: Person, section: str, title: str | None = None
) -> dict:
    """What every tab of a dossier shows above its own content: the heading and the tabs."""
    granted = categories_for(request.user, person)
    return {
        "person": person,
        "show_bsn": DataCategory.BSN in granted,
        "age": person.age_on(clock.today()),
        "sections": sections_for(request.user, person, granted),
        "current_section": section,
        "section_title": title,
        "active_menu": "caseload",
    }


@screen_login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    partial = htmx_target(request) == TIMELINE_RESULTS
    person = find_person(request, pk, PURPOSE_TIMELINE if partial else PURPOSE_DOSSIER)
    granted = categories_for(request.user, person)
    timeline_form, events = timeline_page(request, person, granted)
    shown = {event.category for event in events}
    context = {"timeline_form": timeline_form, "events": events, **dossier_context(request, person, "overview")}
    if partial:
        template = "people/_timeline.html"
    else:
        template = "people/detail.html"
        shown |= shown_categories(granted)
        context |= {
            "show_contact": DataCategory.CONTACT in granted,
            "show_education": DataCategory.EDUCATION_WORK in granted,
            "members": household_rows(request.user, person),
            "assignments": active_assignments(person),
        }
    record(
        user=request.user,
        action=Action.READ,
        persons=[person],
        categories=shown,
        purpose=PURPOSE_TIMELINE if partial else PURPOSE_DOSSIER,
        channel=Channel.UI,
        request=request,
    )
    return render_screen(request, template, context)


def registering_municipalities(user: User) -> frozenset[int]:
    allowed = can_register_in(user)
    if not allowed:
        raise PermissionDenied(_("Je rol mag geen personen registreren."))
    return allowed


@screen_login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    allowed = registering_municipalities(request.user)
    data = request.POST if request.method == "POST" else None
    form = PersonRegistrationForm(data, user=request.user, municipality_ids=allowed)
    family = FamilyFormSet(data, prefix=FAMILY_PREFIX)
    if data is not None and all([form.is_valid(), family.is_valid()]):
        try:
            person = register_person(
                actor=request.user,
                data=form.person_data(),
                members=family.members(),
                channel=Channel.UI,
                purpose=PURPOSE_REGISTER,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(name)s is geregistreerd.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    errors = (
        error_summary(
            form_error_links(form, form_anchor="persoon"),
            formset_error_links(family, row_label=_("Gezinslid %(number)s"), anchor="gezinsleden"),
        )
        if data is not None
        else []
    )
    context = {
        "form": form,
        "family": family,
        "errors": errors,
        "errors_title": summary_title(errors),
        "max_members": MAX_FAMILY_MEMBERS,
    }
    return render(request, "people/register.html", context)


@screen_login_required
@require_GET
def family_member_row(request: HttpRequest) -> HttpResponse:
    """One more empty row for the family members (htmx), numbered after the rows already there."""
    registering_municipalities(request.user)
    try:
        index = int(request.GET.get(f"{FAMILY_PREFIX}-TOTAL_FORMS", ""))
    except ValueError:
        index = -1
    if not 0 <= index < MAX_FAMILY_MEMBERS:
        return HttpResponse(status=204)
    context = {
        "member": empty_member_form(index),
        "number": index + 1,
        "total": index + 1,
        "max_members": MAX_FAMILY_MEMBERS,
    }
    return render(request, "people/_family_member_row.html", context)
