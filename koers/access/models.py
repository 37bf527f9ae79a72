from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OrganisationKind, Role

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
