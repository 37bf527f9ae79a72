"""Records of maatschappelijke begeleiding: the municipality's policy (versioned), the trajectory of a
person and what happens in it. The rules live in ``services``, ``transitions`` and ``policy``."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.access.models import Municipality, Organisation
from koers.lib import clock
from koers.people.constants import LANGUAGES, Phase

from .constants import (
    AppointmentStatus,
    CallOutcome,
    ChecklistGroup,
    ChecklistStatus,
    Consent,
    ExtensionStatus,
    ReferralStatus,
    SessionKind,
    SupportMode,
)
from .policy import PolicySettings

USER = settings.AUTH_USER_MODEL


class MbPolicy(models.Model):
    """One version of a municipality's MB policy. Versions are never changed: a change is a new version."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="mb_policies")
    version = models.PositiveIntegerField(_("versie"))
    preset = models.CharField(_("uitgangspunt"), max_length=30, blank=True)
    data = models.JSONField(_("beleid"))
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("MB-beleid")
        verbose_name_plural = _("MB-beleid")
        ordering = ["municipality", "-version"]
        constraints = [models.UniqueConstraint(fields=["municipality", "version"], name="mb_policy_version")]

    def __str__(self) -> str:
        return f"{self.municipality} v{self.version}"

    @property
    def settings(self) -> PolicySettings:
        cached = getattr(self, "_settings", None)
        if cached is None:
            cached = self._settings = PolicySettings.from_data(self.data)
        return cached


class Trajectory(models.Model):
    """The MB trajectory of one person (and their household): a state machine over the chain's phases."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="mb_trajectories")
    policy = models.ForeignKey(MbPolicy, on_delete=models.PROTECT, related_name="trajectories")
    state = models.CharField(_("fase"), max_length=25, choices=Phase.choices, default=Phase.KOPPELING)
    state_since = models.DateField(_("in deze fase sinds"))
    started_on = models.DateField(_("gestart op"))
    mb_start = models.DateField(_("start MB"), null=True, blank=True)
    planned_end = models.DateField(_("geplande einddatum"), null=True, blank=True)
    support_mode = models.CharField(
        _("vorm van begeleiding"), max_length=15, choices=SupportMode.choices, default=SupportMode.ACTIVE
    )
    support_mode_since = models.DateField(_("vorm sinds"), null=True, blank=True)
    worker = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="mb_trajectories",
        verbose_name=_("begeleider"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="mb_trajectories"
    )
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("MB-traject")
        verbose_name_plural = _("MB-trajecten")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=~Q(state=Phase.AFGESLOTEN), name="one_open_mb_trajectory"
            ),
        ]
        indexes = [models.Index(fields=["state", "person"], name="mb_trajectory_state")]

    def __str__(self) -> str:
        return f"MB {self.person} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state != Phase.AFGESLOTEN


class Transition(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=25, choices=Phase.choices, blank=True)
    to_state = models.CharField(max_length=25, choices=Phase.choices)
    on = models.DateField(_("datum"))
    reason = models.TextField(_("reden"), blank=True)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["on", "id"]


class ChecklistItem(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="checklist")
    key = models.CharField(max_length=60)
    group = models.CharField(_("groep"), max_length=3, choices=ChecklistGroup.choices)
    label = models.CharField(_("omschrijving"), max_length=150)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(_("status"), max_length=12, choices=ChecklistStatus.choices,
                              default=ChecklistStatus.OPEN)
    changed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changed_on = models.DateField(null=True, blank=True)
    remark = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "key"], name="checklist_item_key")]

    def __str__(self) -> str:
        return self.label


class Appointment(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("moment"))
    subject = models.CharField(_("onderwerp"), max_length=150)
    location = models.CharField(_("plaats"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=AppointmentStatus.choices,
                              default=AppointmentStatus.PLANNED)
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    interpreter_language = models.CharField(_("taal van de tolk"), max_length=5, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at", "id"]

    @property
    def interpreter_language_name(self) -> str:
        return LANGUAGES.get(self.interpreter_language, self.interpreter_language)


class Task(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("taak"), max_length=200)
    owner = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="mb_tasks",
                              verbose_name=_("eigenaar"))
    due = models.DateField(_("uiterlijk"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due", "id"]


class Note(models.Model):
    """A note in a data category: who may see it follows from ``koers.access`` (a volunteer never sees
    notes of the categories NOTES, HEALTH or FINANCE)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="notes")
    category = models.CharField(_("gegevenscategorie"), max_length=15, choices=DataCategory.choices)
    text = models.TextField(_("notitie"))
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    written_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-written_at", "-id"]


class PlanGoal(models.Model):
    """A goal of the support plan in one life domain (the domain as the pinned policy names it)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("leefgebied"), max_length=60)
    goal = models.CharField(_("doel"), max_length=300)
    actions = models.TextField(_("acties"), blank=True)
    responsible = models.CharField(_("wie doet het"), max_length=150)
    achieved_on = models.DateField(_("bereikt op"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["domain", "created_at", "id"]


class Measurement(models.Model):
    """The self-reliance scores (1–5 per life domain) at one measurement moment of the policy."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="measurements")
    month = models.PositiveSmallIntegerField(_("meetmoment (maand)"))
    measured_on = models.DateField(_("gemeten op"))
    scores = models.JSONField(_("scores"))
    remark = models.TextField(_("toelichting"), blank=True)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["month"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "month"], name="one_measurement_per_moment")]


class Extension(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField(_("maanden"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    reason = models.TextField(_("reden"))
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_on = models.DateField(_("aangevraagd op"))
    status = models.CharField(_("status"), max_length=12, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.REQUESTED)
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting besluit"), blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"], condition=Q(status="aangevraagd"), name="one_waiting_extension"
            ),
        ]


class Handover(models.Model):
    """The afronding: the final interview, the written handover to the consultant and the warm handover
    to the social domain, with the person's consent."""

    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="handover")
    interview_on = models.DateField(_("datum eindgesprek"), null=True, blank=True)
    summary = models.TextField(_("samenvatting voor de consulent"))
    recipient = models.CharField(_("warme overdracht aan"), max_length=150, blank=True)
    consent = models.CharField(_("toestemming"), max_length=10, choices=Consent.choices, blank=True)
    consent_on = models.DateField(_("toestemming vastgelegd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)


class CallRecord(models.Model):
    """A call of the call list to someone no longer in active support."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="calls")
    called_on = models.DateField(_("gebeld op"))
    outcome = models.CharField(_("resultaat"), max_length=20, choices=CallOutcome.choices)
    remark = models.CharField(_("toelichting"), max_length=300, blank=True)
    caller = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-called_on", "-id"]


class Volunteer(models.Model):
    """A volunteer (maatje) of the pool: who they are, which languages they speak, where they live,
    when they are available and how many households they can take on."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mb_volunteer")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="volunteers")
    languages = models.JSONField(_("talen"), default=list, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    availability = models.JSONField(_("beschikbaarheid"), default=list, blank=True)
    skills = models.CharField(_("vaardigheden"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(_("aantal huishoudens"), default=1,
                                                validators=[MinValueValidator(1), MaxValueValidator(10)])
    active = models.BooleanField(_("beschikbaar voor nieuwe maatjes"), default=True)

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")
        ordering = ["user__last_name", "user__first_name", "id"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class VolunteerMatch(models.Model):
    """A volunteer matched to a household: one VRIJWILLIGER assignment per person of the household."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="volunteer_matches")
    assignments = models.ManyToManyField("people.Assignment", related_name="+")
    reasons = models.JSONField(_("redenen"), default=list)
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "household"], condition=Q(ended_on__isnull=True),
                                    name="one_open_match_per_household"),
        ]

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class VolunteerReport(models.Model):
    """A short report of the volunteer about one person of their match; a concern raises a signal
    for the MB-begeleider until it is marked handled."""

    match = models.ForeignKey(VolunteerMatch, on_delete=models.CASCADE, related_name="reports")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="volunteer_reports")
    written_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    written_on = models.DateField(_("datum"))
    text = models.TextField(_("wat is er gebeurd"))
    concern = models.BooleanField(_("ik maak me zorgen"), default=False)
    concern_text = models.TextField(_("zorg"), blank=True)
    handled_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-written_on", "-id"]


class SocialMapEntry(models.Model):
    """A local organisation on the municipality's social map (sociale kaart)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="social_map")
    name = models.CharField(_("naam"), max_length=150)
    domain = models.CharField(_("leefgebied"), max_length=60)
    contact = models.CharField(_("contact"), max_length=150, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["municipality", "domain", "name"]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    """A referral (signalering) to an organisation of the social map, with the person's recorded consent."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(SocialMapEntry, on_delete=models.PROTECT, related_name="referrals")
    reason = models.TextField(_("reden"))
    consent_given_by = models.CharField(_("toestemming gegeven door"), max_length=150)
    consent_on = models.DateField(_("toestemming gegeven op"))
    consent_for = models.CharField(_("toestemming voor"), max_length=300)
    status = models.CharField(_("status"), max_length=15, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    follow_up_on = models.DateField(_("opvolgen op"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class CaseMeetingItem(models.Model):
    """A dossier brought into a case meeting (casuïstiekoverleg) and its outcome. ``meeting_on`` is the
    first day the meeting covers: a month, or a block of weeks when the MB policy sets a cadence."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="case_meeting_items")
    meeting_on = models.DateField(_("overleg van"))
    question = models.TextField(_("vraag voor het overleg"))
    outcome = models.TextField(_("uitkomst"), blank=True)
    flagged_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["meeting_on", "id"]


class GroupSession(models.Model):
    """A group meeting of a municipality (information meeting, workshop, budget training, PVT group)
    that covers some items of the start-up checklist: attending ticks them off."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="group_sessions")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="group_sessions")
    kind = models.CharField(_("soort"), max_length=15, choices=SessionKind.choices)
    title = models.CharField(_("titel"), max_length=150)
    starts_at = models.DateTimeField(_("moment"))
    place = models.CharField(_("plaats"), max_length=200)
    languages = models.JSONField(_("voertaal"), default=list)
    interpreter_languages = models.JSONField(_("tolken beschikbaar in"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"),
                                                validators=[MinValueValidator(1), MaxValueValidator(500)])
    covers = models.JSONField(_("checklistpunten"), default=list, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """One person invited to a group session, in the language the invitation was written in; whether
    they need an interpreter, and (afterwards) whether they came."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="session_invitations")
    language = models.CharField(_("taal van de uitnodiging"), max_length=5)
    interpreter_language = models.CharField(_("tolk nodig in"), max_length=5, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    invited_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    invited_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["person__family_name", "person__given_names", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_invitation_per_session")]
