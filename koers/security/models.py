from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.lib import clock


class TwoFactorPolicy(models.Model):
    """Which roles of a municipality must log in with a second factor. A municipality without a
    policy of its own follows the installation's default (``KOERS_TWO_FACTOR_ROLES``)."""

    municipality = models.OneToOneField(
        "access.Municipality",
        on_delete=models.CASCADE,
        related_name="two_factor_policy",
        verbose_name=_("gemeente"),
    )
    required_roles = models.JSONField(_("rollen die tweestapsverificatie moeten gebruiken"), default=list)

    class Meta:
        verbose_name = _("beleid tweestapsverificatie")
        verbose_name_plural = _("beleid tweestapsverificatie")

    def __str__(self) -> str:
        return str(self.municipality)


class TotpDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238). It counts only once confirmed with a code;
    ``last_step`` is the last time step used, so that a code is never accepted twice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="totp_device",
        verbose_name=_("gebruiker"),
    )
    secret = models.CharField(_("geheime sleutel"), max_length=64)
    created_at = models.DateTimeField(_("aangemaakt op"), default=clock.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    last_step = models.BigIntegerField(_("laatst gebruikte tijdstap"), default=0)

    class Meta:
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code for when the authenticator app is lost; only its hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("gebruiker"),
    )
    code_hash = models.CharField(_("hash van de code"), max_length=128)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self) -> str:
        return str(self.user)


class LockKind(models.TextChoices):
    USERNAME = "gebruikersnaam", _("Gebruikersnaam")
    IP_ADDRESS = "ip", _("IP-adres")


class LoginFailure(models.Model):
    """One failed login attempt (wrong password or wrong code), counted per username and per IP."""

    username = models.CharField(_("gebruikersnaam"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, db_index=True)
    at = models.DateTimeField(_("moment"), default=clock.now)

    class Meta:
        verbose_name = _("mislukte aanmelding")
        verbose_name_plural = _("mislukte aanmeldingen")

    def __str__(self) -> str:
        return f"{self.username} {self.ip_address} {self.at:%Y-%m-%d %H:%M}"


class LoginLockout(models.Model):
    """A username or an IP address that may not log in until ``until``."""

    kind = models.CharField(_("soort"), max_length=20, choices=LockKind.choices)
    key = models.CharField(_("gebruikersnaam of IP-adres"), max_length=150)
    started_at = models.DateTimeField(_("begonnen op"), default=clock.now)
    until = models.DateTimeField(_("tot"))

    class Meta:
        verbose_name = _("blokkade")
        verbose_name_plural = _("blokkades")
        indexes = [models.Index(fields=["kind", "key", "until"], name="security_lockout_lookup")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} tot {self.until:%Y-%m-%d %H:%M}"
