from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.lib import clock

from .constants import ConsentMethod, DataCategory, OrganisationKind, Recipient, Role

cbs_code_validator = RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit vier cijfers."))
oin_validator = RegexValidator(r"^\d{20}$", _("Een OIN bestaat uit twintig cijfers."))


class Municipality(models.Model):
    """A gemeente: the legal owner of the dossiers of the people linked to it."""

    cbs_code = models.CharField(_("CBS-code"), max_length=4, unique=True, validators=[cbs_code_validator])
    name = models.CharField(_("naam"), max_length=100)
    oin = models.CharField(_("OIN"), max_length=20, unique=True, validators=[oin_validator])

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A team or partner organisation. ``serves`` is its werkgebied: for a centrumgemeente's team it
    holds the neighbouring municipalities it executes inburgering for."""

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("gemeente")
    )
    serves = models.ManyToManyField(Municipality, related_name="served_by", verbose_name=_("werkgebied"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff or a partner's worker; what they may do comes from their memberships."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user holds a role in an organisation; a user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("rol in organisatie")
        verbose_name_plural = _("rollen in organisaties")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"


def consent_document_path(instance: Consent, filename: str) -> str:
    """Stored under a random name: the person's name or BSN never ends up in a file path."""
    suffix = Path(filename).suffix.lower()[:5]
    return f"toestemming/{instance.person.municipality_id}/{uuid.uuid4().hex}{suffix}"


class ConsentDocumentStorage(FileSystemStorage):
    """MEDIA_ROOT, or ``var/media`` when it is not set; never served directly, only through a view
    that checks access."""

    @property
    def base_location(self):  # type: ignore[override]
        return settings.MEDIA_ROOT or str(settings.VAR_DIR / "media")

    @property
    def location(self):  # type: ignore[override]
        return os.path.abspath(self.base_location)


class ConsentRule(models.Model):
    """Municipal policy as data: sharing ``category`` with ``recipient`` needs the person's consent."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="consent_rules", verbose_name=_("gemeente")
    )
    recipient = models.CharField(_("ontvanger"), max_length=20, choices=Recipient.choices)
    category = models.CharField(_("gegevenscategorie"), max_length=15, choices=DataCategory.choices)

    class Meta:
        ordering = ["municipality", "recipient", "category"]
        verbose_name = _("toestemmingsregel")
        verbose_name_plural = _("toestemmingsregels")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "recipient", "category"], name="unique_consent_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_recipient_display()} — {self.get_category_display()}"


class ConsentQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None) -> ConsentQuerySet:
        day = on or clock.today()
        return self.filter(Q(given_on__lte=day), Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))


class Consent(models.Model):
    """A person's consent to share some of their data with some recipients for a purpose, from
    ``given_on`` until it is withdrawn (the day of withdrawal no longer counts)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="consents", verbose_name=_("persoon")
    )
    purpose = models.CharField(_("doel"), max_length=200)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="consents", verbose_name=_("organisaties")
    )
    given_on = models.DateField(_("gegeven op"))
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    method = models.CharField(_("hoe gegeven"), max_length=10, choices=ConsentMethod.choices)
    document = models.FileField(
        _("ondertekend formulier"), upload_to=consent_document_path, storage=ConsentDocumentStorage(), blank=True
    )
    witness = models.CharField(_("getuige"), max_length=150, blank=True)
    language = models.CharField(_("taal van de uitleg"), max_length=3)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.purpose}"

    @property
    def categories(self) -> list[DataCategory]:
        return [DataCategory(row.category) for row in self.category_rows.all()]

    @property
    def recipients(self) -> list[Recipient]:
        return [Recipient(row.recipient) for row in self.recipient_rows.all()]

    @property
    def given_in_portal(self) -> bool:
        """Given by the person after logging in to the portal; its document is the receipt."""
        return self.method == ConsentMethod.PORTAL

    @property
    def language_name(self) -> str:
        from koers.people.constants import LANGUAGES

        return LANGUAGES.get(self.language, self.language)

    def is_active(self, on: dt.date | None = None) -> bool:
        day = on or clock.today()
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


class ConsentCategory(models.Model):
    """One data category a consent covers."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="category_rows")
    category = models.CharField(_("gegevenscategorie"), max_length=15, choices=DataCategory.choices)

    class Meta:
        verbose_name = _("gegevenscategorie van toestemming")
        verbose_name_plural = _("gegevenscategorieën van toestemming")
        constraints = [models.UniqueConstraint(fields=["consent", "category"], name="unique_consent_category")]


class ConsentRecipient(models.Model):
    """A kind of recipient a consent covers (every MB organisation, volunteers, the next municipality)."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="recipient_rows")
    recipient = models.CharField(_("ontvanger"), max_length=20, choices=Recipient.choices)

    class Meta:
        verbose_name = _("soort ontvanger van toestemming")
        verbose_name_plural = _("soorten ontvangers van toestemming")
        constraints = [models.UniqueConstraint(fields=["consent", "recipient"], name="unique_consent_recipient")]


class Transfer(models.Model):
    """Overdracht: after a move, the consultants of ``to_municipality`` reach the dossier (which stays
    ``from_municipality``'s) from ``transferred_on``, for the categories the consent and the sending
    municipality's rules allow."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="transfers", verbose_name=_("persoon")
    )
    from_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("van gemeente")
    )
    to_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("naar gemeente")
    )
    transferred_on = models.DateField(_("datum overdracht"))
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers",
        verbose_name=_("toestemming"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-transferred_on", "-id"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_municipality=models.F("to_municipality")), name="transfer_to_another_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_municipality} → {self.to_municipality}"
