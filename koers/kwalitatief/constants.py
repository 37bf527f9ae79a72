from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.access.constants import Role


class Audience(models.TextChoices):
    """Who is interviewed: newcomers, or the people who carry out the law."""

    NEWCOMERS = "inburgeraars", _("Inburgeraars")
    PROVIDERS = "aanbieders", _("Uitvoerders en aanbieders")


class InterviewSetting(models.TextChoices):
    INDIVIDUAL = "individueel", _("Individueel gesprek")
    GROUP = "groep", _("Groepsgesprek")


class InterviewStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    HELD = "gehouden", _("Gehouden")
    CANCELLED = "vervallen", _("Vervallen")


# Who plans rounds, holds interviews and records answers; names of newcomers are visible to them.
INTERVIEWER_ROLES = frozenset({Role.CONSULTANT, Role.TEAM_LEAD})
# Who maintains topic lists and themes (no names: the functional administrator sees no dossier).
EDITOR_ROLES = frozenset({Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN})
# Who reads the anonymised thematic report: the interviewers, the editors and the policy analyst.
REPORT_ROLES = INTERVIEWER_ROLES | EDITOR_ROLES | {Role.POLICY_ANALYST}

FOLLOW_UP_KIND = "kwalitatief.vervolgactie"
