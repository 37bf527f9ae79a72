"""Qualitative monitoring (DOMAIN.md §4, seed 003): interview rounds with newcomers and providers,
topic lists, answers per topic coded by theme, and follow-up actions that become dossier tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality
from koers.lib import clock
from koers.people.models import Person

from .constants import Audience, InterviewSetting, InterviewStatus

USER = settings.AUTH_USER_MODEL


class TopicList(models.Model):
    """A municipality's list of conversation topics for one audience, grouped by policy goal."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="topic_lists")
    name = models.CharField(_("naam"), max_length=150)
    audience = models.CharField(_("doelgroep"), max_length=15, choices=Audience.choices)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["audience", "name"]
        verbose_name = _("topiclijst")
        verbose_name_plural = _("topiclijsten")

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    topic_list = models.ForeignKey(TopicList, on_delete=models.CASCADE, related_name="topics")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    section = models.CharField(_("onderdeel"), max_length=150)
    question = models.CharField(_("vraag"), max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["topic_list", "position"], name="topic_position")]

    def __str__(self) -> str:
        return self.question


class Theme(models.Model):
    """A code for answers (e.g. "kinderopvang", "contactpersoon"), per municipality."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="interview_themes")
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("thema"), max_length=100)

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint(fields=["municipality", "code"], name="theme_code")]

    def __str__(self) -> str:
        return self.label


class InterviewRound(models.Model):
    """One round of interviews in a period; a repeated round points to the round it repeats."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="interview_rounds")
    name = models.CharField(_("naam"), max_length=150)
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    repeats = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="repetitions", verbose_name=_("herhaling van"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("gespreksronde")
        verbose_name_plural = _("gespreksrondes")

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    round = models.ForeignKey(InterviewRound, on_delete=models.CASCADE, related_name="interviews")
    topic_list = models.ForeignKey(TopicList, on_delete=models.PROTECT, related_name="interviews",
                                   verbose_name=_("topiclijst"))
    setting = models.CharField(_("vorm"), max_length=12, choices=InterviewSetting.choices,
                               default=InterviewSetting.INDIVIDUAL)
    planned_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InterviewStatus.choices,
                              default=InterviewStatus.PLANNED)
    language = models.CharField(_("taal van het gesprek"), max_length=5, default="nl")
    interpreter_language = models.CharField(_("taal van de tolk"), max_length=5, blank=True)
    interviewer = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name=_("interviewer"))
    respondent_role = models.CharField(
        _("functie van de respondent"), max_length=150, blank=True,
        help_text=_("Bij uitvoerders en aanbieders: de functie, niet de naam."),
    )

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")

    @property
    def audience(self) -> str:
        return self.topic_list.audience


class Participant(models.Model):
    """A newcomer taking part in an interview, with their consent to follow-up in the dossier."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interview_participations")
    follow_up_consent = models.BooleanField(_("toestemming voor vervolgacties in het dossier"), default=False)
    consent_recorded_on = models.DateField(_("toestemming vastgelegd op"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interview", "person"], name="participant_once")]


class Answer(models.Model):
    """What was said about one topic in one interview, coded with themes."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("antwoord"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="answers", verbose_name=_("thema's"))

    class Meta:
        ordering = ["topic__position"]
        constraints = [models.UniqueConstraint(fields=["interview", "topic"], name="answer_per_topic")]


class FollowUpAction(models.Model):
    """Something to do for one newcomer after an interview: a task in their dossier, due on a date,
    that appears on the attention list until it is done."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="follow_ups")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interview_follow_ups")
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("thema"))
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="interview_follow_ups",
                              verbose_name=_("eigenaar"))
    due = models.DateField(_("uiterlijk"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["done_on", "due", "id"]
