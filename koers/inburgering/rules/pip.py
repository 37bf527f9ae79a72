"""The PIP (Persoonlijk Plan Inburgering en Participatie, Wi2021 art. 15): DUO's conditions for
registering and deleting it (duo-m2m README, "Het aanleveren van een PIP" and "Het verwijderen van een
PIP"; PIP API schema ``PIP``).

``validate_pip`` runs the rules in the README's order: dagtekening (start of the duty, vestiging,
earlier PIPs), then niveau, then geschatte intensiteit. ``validate_pip_deletion`` runs the two deletion
rules in the README's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from koers.people.constants import TargetGroup

from ..constants import Leerroute, Niveau
from .violation import RuleViolation, format_date

INTENSITY_MIN = 1
INTENSITY_MAX = 9999


class PipCode(StrEnum):
    DAGTEKENING_VOOR_START_INBURGERINGSPLICHT = "pip.dagtekening_voor_start_inburgeringsplicht"
    DAGTEKENING_VOOR_VESTIGING = "pip.dagtekening_voor_vestiging"
    DAGTEKENING_VOOR_EERDERE_PIP = "pip.dagtekening_voor_eerdere_pip"
    NIVEAU_A2_BIJ_ONDERWIJSROUTE = "pip.niveau_a2_bij_onderwijsroute"
    NIVEAU_B1_BIJ_Z_ROUTE = "pip.niveau_b1_bij_z_route"
    NIVEAU_A2_BIJ_EERSTE_PIP_B1_ROUTE = "pip.niveau_a2_bij_eerste_pip_b1_route"
    INTENSITEIT_NIET_TOEGESTAAN = "pip.intensiteit_niet_toegestaan"
    INTENSITEIT_BUITEN_BEREIK = "pip.intensiteit_buiten_bereik"
    VERWIJDEREN_NA_VASTSTELLEN_TERMIJN = "pip.verwijderen_na_vaststellen_termijn"
    VERWIJDEREN_NA_REGISTRATIE_UREN = "pip.verwijderen_na_registratie_uren"


@dataclass(frozen=True)
class PipSubmission:
    """The PIP as the municipality supplies it (``POST /personen/{bsn}/PIP``)."""

    dagtekening: dt.date
    """``dagtekeningPip``."""
    leerroute: Leerroute
    niveau: Niveau | None = None
    geschatte_intensiteit: int | None = None
    """``geschatteIntensiteitB1Route``: estimated hours to complete the B1-route."""


@dataclass(frozen=True)
class PipContext:
    """What DUO knows when the PIP arrives."""

    duty_start: dt.date
    """Begindatum of the inburgeringsplicht."""
    settlement_date: dt.date | None
    """Vestiging of the inburgeraar in this municipality; ``None`` while not (yet) settled here."""
    target_group: TargetGroup
    first_pip_date: dt.date | None = None
    """Dagtekening of the first PIP DUO registered for the person, in any municipality."""
    current_pip_date: dt.date | None = None
    """Dagtekening of the PIP DUO holds now (this or a previous municipality)."""

    @property
    def is_first_pip(self) -> bool:
        return self.first_pip_date is None and self.current_pip_date is None


@dataclass(frozen=True)
class PipDeletionContext:
    term_set: bool
    """DUO has set the inburgeringstermijn."""
    hours_registered: bool
    """Course hours for the current inburgeringsaanbod have been registered."""


def effective_niveau(leerroute: Leerroute, niveau: Niveau | None) -> Niveau | None:
    """The niveau DUO records: the one supplied, else B1 for the B1-route and the onderwijsroute
    ("Als het Niveau niet wordt aangeleverd ... dan wordt Niveau B1 vastgesteld als er sprake is van de
    B1-route of onderwijsroute"); the Z-route has none unless one is supplied."""
    if niveau is not None:
        return niveau
    if leerroute in (Leerroute.B1_ROUTE, Leerroute.ONDERWIJSROUTE):
        return Niveau.B1
    return None


def dagtekening_niet_voor_start_inburgeringsplicht(
    submission: PipSubmission, context: PipContext
) -> RuleViolation | None:
    """De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen."""
    if submission.dagtekening >= context.duty_start:
        return None
    return RuleViolation(
        PipCode.DAGTEKENING_VOOR_START_INBURGERINGSPLICHT,
        "dagtekening",
        _(
            "De dagtekening van het PIP (%(dagtekening)s) ligt vóór de start van de "
            "inburgeringsplicht (%(start)s)."
        )
        % {"dagtekening": format_date(submission.dagtekening), "start": format_date(context.duty_start)},
    )


def dagtekening_niet_voor_vestiging(submission: PipSubmission, context: PipContext) -> RuleViolation | None:
    """De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente liggen.
    A person not (yet) settled in the municipality has no vestiging, so every dagtekening lies
    before it."""
    if context.settlement_date is None:
        message = _(
            "De inburgeraar is nog niet gevestigd in de gemeente. Een PIP kan pas worden vastgesteld "
            "vanaf de dag van vestiging."
        )
    elif submission.dagtekening < context.settlement_date:
        message = _(
            "De dagtekening van het PIP (%(dagtekening)s) ligt vóór de vestiging in de "
            "gemeente (%(vestiging)s)."
        ) % {
            "dagtekening": format_date(submission.dagtekening),
            "vestiging": format_date(context.settlement_date),
        }
    else:
        return None
    return RuleViolation(PipCode.DAGTEKENING_VOOR_VESTIGING, "dagtekening", message)


def dagtekening_niet_voor_eerdere_pip(submission: PipSubmission, context: PipContext) -> RuleViolation | None:
    """De datum dagtekening mag bij een gewijzigde PIP niet voor de start van de datum dagtekening van de
    initiële PIP OF voor de datum dagtekening van de actuele PIP liggen."""
    earlier = [day for day in (context.first_pip_date, context.current_pip_date) if day is not None]
    if not earlier or submission.dagtekening >= max(earlier):
        return None
    return RuleViolation(
        PipCode.DAGTEKENING_VOOR_EERDERE_PIP,
        "dagtekening",
        _(
            "De dagtekening van het gewijzigde PIP (%(dagtekening)s) ligt vóór de dagtekening van een eerder "
            "PIP (%(eerder)s). Een gewijzigd PIP kan niet eerder gedateerd zijn dan het eerste of het "
            "actuele PIP."
        )
        % {"dagtekening": format_date(submission.dagtekening), "eerder": format_date(max(earlier))},
    )


def niveau_a2_niet_bij_onderwijsroute(submission: PipSubmission, context: PipContext) -> RuleViolation | None:
    """Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd."""
    if not (submission.niveau == Niveau.A2 and submission.leerroute == Leerroute.ONDERWIJSROUTE):
        return None
    return RuleViolation(
        PipCode.NIVEAU_A2_BIJ_ONDERWIJSROUTE,
        "niveau",
        _("Niveau A2 kan niet samen met de onderwijsroute worden vastgesteld."),
    )


def niveau_b1_niet_bij_z_route(submission: PipSubmission, context: PipContext) -> RuleViolation | None:
    """Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd."""
    if not (submission.niveau == Niveau.B1 and submission.leerroute == Leerroute.Z_ROUTE):
        return None
    return RuleViolation(
        PipCode.NIVEAU_B1_BIJ_Z_ROUTE,
        "niveau",
        _("Niveau B1 kan niet samen met de Z-route worden vastgesteld."),
    )


def niveau_a2_niet_bij_eerste_pip_in_b1_route(
    submission: PipSubmission, context: PipContext
) -> RuleViolation | None:
    """Niveau A2 mag niet in combinatie met de B1-route worden aangeleverd als dit de eerste PIP is die
    wordt aangeleverd voor de persoon ongeacht welke gemeente."""
    if not (
        submission.niveau == Niveau.A2 and submission.leerroute == Leerroute.B1_ROUTE and context.is_first_pip
    ):
        return None
    return RuleViolation(
        PipCode.NIVEAU_A2_BIJ_EERSTE_PIP_B1_ROUTE,
        "niveau",
        _(
            "Niveau A2 in de B1-route kan niet in het eerste PIP van de inburgeraar worden vastgesteld, "
            "alleen bij een wijziging van het PIP."
        ),
    )


def intensiteit_alleen_bij_b1_route_voor_asielmigrant(
    submission: PipSubmission, context: PipContext
) -> RuleViolation | None:
    """Geschatte intensiteit B1 route mag alleen aangeleverd worden bij de B1-route en bij
    asielmigranten."""
    if submission.geschatte_intensiteit is None or (
        submission.leerroute == Leerroute.B1_ROUTE and context.target_group == TargetGroup.ASIEL
    ):
        return None
    return RuleViolation(
        PipCode.INTENSITEIT_NIET_TOEGESTAAN,
        "geschatte_intensiteit",
        _("Een geschatte intensiteit kan alleen worden opgegeven bij de B1-route voor een asielmigrant."),
    )


def intensiteit_binnen_bereik(submission: PipSubmission, context: PipContext) -> RuleViolation | None:
    """geschatteIntensiteitB1Route: minimum 1, maximum 9999 (PIP API schema)."""
    intensity = submission.geschatte_intensiteit
    if intensity is None or INTENSITY_MIN <= intensity <= INTENSITY_MAX:
        return None
    return RuleViolation(
        PipCode.INTENSITEIT_BUITEN_BEREIK,
        "geschatte_intensiteit",
        _("De geschatte intensiteit moet tussen %(min)d en %(max)d uur liggen.")
        % {"min": INTENSITY_MIN, "max": INTENSITY_MAX},
    )


PIP_RULES: tuple[Callable[[PipSubmission, PipContext], RuleViolation | None], ...] = (
    dagtekening_niet_voor_start_inburgeringsplicht,
    dagtekening_niet_voor_vestiging,
    dagtekening_niet_voor_eerdere_pip,
    niveau_a2_niet_bij_onderwijsroute,
    niveau_b1_niet_bij_z_route,
    niveau_a2_niet_bij_eerste_pip_in_b1_route,
    intensiteit_alleen_bij_b1_route_voor_asielmigrant,
    intensiteit_binnen_bereik,
)


def validate_pip(submission: PipSubmission, context: PipContext) -> list[RuleViolation]:
    """Every condition the PIP breaks, in the order of ``PIP_RULES``; empty when DUO will accept it."""
    return [violation for rule in PIP_RULES if (violation := rule(submission, context)) is not None]


def verwijderen_alleen_zonder_termijn(context: PipDeletionContext) -> RuleViolation | None:
    """Verwijderen kan alleen als de inburgeringstermijn nog niet is vastgesteld."""
    if not context.term_set:
        return None
    return RuleViolation(
        PipCode.VERWIJDEREN_NA_VASTSTELLEN_TERMIJN,
        None,
        _("Het PIP kan niet meer worden verwijderd: de inburgeringstermijn is al vastgesteld."),
    )


def verwijderen_alleen_zonder_uren(context: PipDeletionContext) -> RuleViolation | None:
    """Verwijderen kan alleen als er nog geen cursusdeelnameuren gerelateerd aan het actuele
    inburgeringsaanbod zijn geregistreerd."""
    if not context.hours_registered:
        return None
    return RuleViolation(
        PipCode.VERWIJDEREN_NA_REGISTRATIE_UREN,
        None,
        _(
            "Het PIP kan niet meer worden verwijderd: er zijn al gevolgde cursusuren bij het actuele "
            "inburgeringsaanbod geregistreerd."
        ),
    )


PIP_DELETION_RULES: tuple[Callable[[PipDeletionContext], RuleViolation | None], ...] = (
    verwijderen_alleen_zonder_termijn,
    verwijderen_alleen_zonder_uren,
)


def validate_pip_deletion(context: PipDeletionContext) -> list[RuleViolation]:
    """Every reason the current PIP can no longer be deleted; empty when it can."""
    return [violation for rule in PIP_DELETION_RULES if (violation := rule(context)) is not None]
