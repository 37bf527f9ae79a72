from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from koers.access.constants import DataCategory
from koers.access.models import Municipality, Organisation, User
from koers.lib import clock
from koers.lib.text import search_key

from .constants import (
    AssignmentRole,
    EventKind,
    EventSource,
    Gender,
    HouseholdRelation,
    Literacy,
    Phase,
    TargetGroup,
)
from .validators import validate_bsn, validate_languages


class Household(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="households")
    name = models.CharField(_("naam"), max_length=150)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """The dossier subject: a newcomer with (or volunteering for) the integration duty."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="persons", verbose_name=_("gemeente")
    )
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    given_names = models.CharField(_("voornamen"), max_length=150)
    family_name_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    family_name = models.CharField(_("achternaam"), max_length=150)
    search_name = models.CharField(max_length=330, editable=False, db_index=True)
    date_of_birth = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices)
    country_of_origin = CountryField(_("land van herkomst"))
    nationality = CountryField(_("nationaliteit"), blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True, validators=[validate_languages])
    literacy = models.CharField(_("alfabetisering"), max_length=15, choices=Literacy.choices,
                                default=Literacy.UNKNOWN)
    target_group = models.CharField(_("doelgroep"), max_length=10, choices=TargetGroup.choices)
    phase = models.CharField(_("fase"), max_length=25, choices=Phase.choices, default=Phase.KOPPELING)
    koppeling_date = models.DateField(_("datum koppeling"))
    brp_registration_date = models.DateField(_("datum inschrijving BRP"), null=True, blank=True)
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("consulent"),
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["family_name", "given_names", "id"]
        indexes = [
            models.Index(fields=["municipality", "family_name", "given_names", "id"], name="person_caseload_order"),
            # A caseload over several municipalities (a centrumgemeente) walks the names in order.
            models.Index(fields=["family_name", "given_names", "id"], name="person_name_order"),
            models.Index(fields=["consultant", "family_name", "given_names", "id"], name="person_consultant_order"),
            models.Index(fields=["municipality", "phase"], name="person_mun_phase"),
            models.Index(fields=["municipality", "consultant"], name="person_mun_consultant"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name_prefix, self.family_name) if p)

    @property
    def address(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (street, place) if p)

    @property
    def household(self) -> Household | None:
        membership = getattr(self, "household_membership", None)
        return membership.household if membership else None

    def age_on(self, day: dt.date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.given_names, self.family_name_prefix, self.family_name)
        self.updated_at = clock.now()
        super().save(*args, **kwargs)


class MunicipalityPersons(models.Model):
    """A change in the number of dossiers of a municipality; the sum of its rows is the number. Kept
    by the database itself: triggers on the dossiers' table append a row at every insert, delete and
    move to another municipality, whichever way it is made (a form, a bulk import, SQL), in the same
    transaction (``migrations/0005``). They only append, so writers never wait for each other's
    counts. Each night ``koers.people.totals.compact`` sums each municipality's rows into one.

    The caseload's total is read here instead of counting a large municipality's fifty thousand
    dossiers at every visit (``koers.people.totals``). Never written by the application otherwise."""

    # No constraint in the database: the triggers write these rows, also while Django's ``flush``
    # empties the tables in any order (a dossier deleted after its municipality leaves a change
    # about a municipality that is gone, and ids are not used again).
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente"), db_constraint=False
    )
    persons = models.IntegerField(_("dossiers erbij of eraf"))

    class Meta:
        verbose_name = _("verandering in het aantal dossiers van een gemeente")
        verbose_name_plural = _("veranderingen in het aantal dossiers per gemeente")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.persons:+d}"


class HouseholdMember(models.Model):
    """Someone in a household. Members with a dossier point to their Person; others (children, a
    partner without a duty) carry their own name and date of birth."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="household_membership"
    )
    relation = models.CharField(_("relatie"), max_length=10, choices=HouseholdRelation.choices)
    given_names = models.CharField(_("voornamen"), max_length=150, blank=True)
    family_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, blank=True)

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(given_names=""), name="member_has_person_or_name"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return " ".join(p for p in (self.given_names, self.family_name) if p)


def running_on(day: dt.date) -> Q:
    """An assignment running on ``day``: started by then and not ended before it. Also for the rows
    that copy an assignment's dates (the monitoring's facts)."""
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


class AssignmentQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None) -> AssignmentQuerySet:
        return self.filter(running_on(on or clock.today()))


class Assignment(models.Model):
    """A partner organisation (and, for a volunteer or a named worker, a user) working in a dossier."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    role = models.CharField(_("rol"), max_length=20, choices=AssignmentRole.choices)
    start_date = models.DateField(_("vanaf"), default=clock.today)
    end_date = models.DateField(_("tot en met"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        indexes = [
            models.Index(fields=["organisation", "person"], name="assignment_org_person"),
            models.Index(fields=["user", "person"], name="assignment_user_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        who = self.user or self.organisation
        return f"{who} — {self.get_role_display()}"


def named_persons(user: User, on: dt.date) -> set[int]:
    """The ids of the persons ``user`` works with by name on ``on``: as their consultant, or by an
    assignment running that day (one indexed query each: a caseload, not a municipality)."""
    consulted = Person.objects.filter(consultant=user).values_list("pk", flat=True)
    assigned = Assignment.objects.active(on).filter(user=user).values_list("person_id", flat=True)
    return {*consulted, *assigned}


class TimelineEvent(models.Model):
    """One entry on the dossier's timeline; every later part of Koers writes here."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="timeline")
    occurred_at = models.DateTimeField(_("moment"), default=clock.now)
    kind = models.CharField(_("soort"), max_length=15, choices=EventKind.choices)
    category = models.CharField(
        _("gegevenscategorie"), max_length=15, choices=DataCategory.choices, default=DataCategory.IDENTITY
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("toelichting"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("bron"), max_length=10, choices=EventSource.choices, default=EventSource.UI)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "-occurred_at", "-id"], name="timeline_person_recent")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.title}"
