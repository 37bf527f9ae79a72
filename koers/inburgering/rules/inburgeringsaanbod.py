"""The inburgeringsaanbod (Wi2021 art. 16): the course the municipality buys for an asylum migrant and
reports to DUO (duo-m2m README, "Inburgeringsaanbod"; Inburgeringsaanbod API schema
``Inburgeringsaanbod``).

Field names follow the API (V1.2.0): ``datumInburgeringsaanbod``, ``verwachteStartdatumOpleiding``,
``verwachteEinddatumOpleiding``. DUO's README still words two conditions with older names,
'datumAanvangTaalschakeltraject' and 'datumEindeCursus', which the API no longer has. Koers reads
them as the start and the end of the opleiding:

* "De 'datumAanvangTaalschakeltraject' ligt niet voor de 'datumEindeCursus' of de
  'datumInburgeringsaanbod'" becomes: the start of the opleiding is not before the datum
  inburgeringsaanbod, and the end of the opleiding is not before its start. (Read literally with the
  new names, every opleiding that ends after it starts would be refused.)
* "De 'datumAanvangTaalschakeltraject' en 'datumEindeCursus' mogen niet buiten de inburgeringstermijn
  liggen" becomes: start and end of the opleiding lie inside the term.

``validate_aanbod`` runs the rules in the README's order: asylum migrant, PIP, instelling, dates
against the PIP, order of the dates, dates against the term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from koers.people.constants import TargetGroup

from ..constants import Leerroute
from ..terms import Inburgeringstermijn
from .violation import RuleViolation, format_date


class AanbodCode(StrEnum):
    GEEN_ASIELMIGRANT = "aanbod.geen_asielmigrant"
    GEEN_PIP = "aanbod.geen_pip"
    INSTELLING_ONBEKEND = "aanbod.instelling_onbekend"
    INSTELLING_ZONDER_KEURMERK = "aanbod.instelling_zonder_keurmerk"
    DATUM_VOOR_DAGTEKENING_PIP = "aanbod.datum_voor_dagtekening_pip"
    START_VOOR_DATUM_INBURGERINGSAANBOD = "aanbod.start_voor_datum_inburgeringsaanbod"
    EINDE_VOOR_START = "aanbod.einde_voor_start"
    BUITEN_INBURGERINGSTERMIJN = "aanbod.buiten_inburgeringstermijn"


@dataclass(frozen=True)
class AanbodSubmission:
    """The offer as the municipality supplies it
    (``POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}``)."""

    instellingsnummer: str
    datum_inburgeringsaanbod: dt.date | None = None
    """Enrolment at the institution; for the B1- and Z-route also the start of the lessons."""
    verwachte_startdatum_opleiding: dt.date | None = None
    verwachte_einddatum_opleiding: dt.date | None = None
    """Exclusive, like every einddatum in DUO's model."""


@dataclass(frozen=True)
class Instelling:
    """A course institution as DUO lists it (``GET /instellingen``)."""

    instellingsnummer: str
    naam: str
    bow_keurmerk: bool = False
    """``indicatieBowKeurmerk``: certified by Blik op Werk."""
    tst_keurmerk: bool = False
    """``indicatieTstKeurmerk``: recognised taalschakelinstelling."""


@dataclass(frozen=True)
class ActuelePip:
    dagtekening: dt.date
    leerroute: Leerroute


@dataclass(frozen=True)
class AanbodContext:
    target_group: TargetGroup
    pip: ActuelePip | None
    """The PIP DUO holds now; ``None`` when there is none."""
    instelling: Instelling | None
    """DUO's record of the submitted instellingsnummer; ``None`` when DUO does not know it."""
    termijn: Inburgeringstermijn | None
    """The inburgeringstermijn, once DUO has set it."""


def alleen_voor_asielmigrant(submission: AanbodSubmission, context: AanbodContext) -> RuleViolation | None:
    """Het inburgeringsaanbod is voor een asielmigrant."""
    if context.target_group == TargetGroup.ASIEL:
        return None
    return RuleViolation(
        AanbodCode.GEEN_ASIELMIGRANT,
        None,
        _("Een inburgeringsaanbod kan alleen worden doorgegeven voor een asielmigrant."),
    )


def pip_aanwezig(submission: AanbodSubmission, context: AanbodContext) -> RuleViolation | None:
    """De persoon heeft een PIP."""
    if context.pip is not None:
        return None
    return RuleViolation(
        AanbodCode.GEEN_PIP,
        None,
        _(
            "De inburgeraar heeft nog geen PIP. Stel eerst het PIP vast en geef daarna het "
            "inburgeringsaanbod door."
        ),
    )


def instelling_gekeurmerkt(submission: AanbodSubmission, context: AanbodContext) -> RuleViolation | None:
    """De Opleidingsinstelling moet bekend zijn bij DUO als een door Blik op Werk (BoW) gekeurmerkte
    instelling of een erkende Taalschakelinstelling (TST) als de persoon de onderwijsroute volgt.

    A BoW keurmerk is always enough; a TST recognition only counts in the onderwijsroute."""
    instelling = context.instelling
    if instelling is None:
        return RuleViolation(
            AanbodCode.INSTELLING_ONBEKEND,
            "instellingsnummer",
            _("Instelling %(nummer)s is bij DUO niet bekend als gekeurmerkte instelling.")
            % {"nummer": submission.instellingsnummer},
        )
    onderwijsroute = context.pip is not None and context.pip.leerroute == Leerroute.ONDERWIJSROUTE
    if instelling.bow_keurmerk or (onderwijsroute and instelling.tst_keurmerk):
        return None
    if onderwijsroute:
        message = _(
            "%(naam)s heeft geen keurmerk van Blik op Werk en is geen erkende taalschakelinstelling."
        ) % {"naam": instelling.naam}
    else:
        message = _(
            "%(naam)s heeft geen keurmerk van Blik op Werk. Een erkende taalschakelinstelling zonder dat "
            "keurmerk kan alleen bij de onderwijsroute."
        ) % {"naam": instelling.naam}
    return RuleViolation(AanbodCode.INSTELLING_ZONDER_KEURMERK, "instellingsnummer", message)


def _label(field: str) -> str:
    return {
        "datum_inburgeringsaanbod": _("De datum inburgeringsaanbod"),
        "verwachte_startdatum_opleiding": _("De verwachte startdatum van de opleiding"),
        "verwachte_einddatum_opleiding": _("De verwachte einddatum van de opleiding"),
    }[field]


def _not_before_pip(submission: AanbodSubmission, context: AanbodContext, field: str) -> RuleViolation | None:
    day: dt.date | None = getattr(submission, field)
    if day is None or context.pip is None or day >= context.pip.dagtekening:
        return None
    return RuleViolation(
        AanbodCode.DATUM_VOOR_DAGTEKENING_PIP,
        field,
        _("%(label)s (%(datum)s) ligt vóór de dagtekening van het actuele PIP (%(dagtekening)s).")
        % {
            "label": _label(field),
            "datum": format_date(day),
            "dagtekening": format_date(context.pip.dagtekening),
        },
    )


def datum_inburgeringsaanbod_niet_voor_dagtekening_pip(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De data van het inburgeringsaanbod ligt niet voor de dagtekening van de actuele PIP
    (datumInburgeringsaanbod)."""
    return _not_before_pip(submission, context, "datum_inburgeringsaanbod")


def startdatum_opleiding_niet_voor_dagtekening_pip(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De data van het inburgeringsaanbod ligt niet voor de dagtekening van de actuele PIP
    (verwachteStartdatumOpleiding)."""
    return _not_before_pip(submission, context, "verwachte_startdatum_opleiding")


def einddatum_opleiding_niet_voor_dagtekening_pip(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De data van het inburgeringsaanbod ligt niet voor de dagtekening van de actuele PIP
    (verwachteEinddatumOpleiding)."""
    return _not_before_pip(submission, context, "verwachte_einddatum_opleiding")


def startdatum_opleiding_niet_voor_datum_inburgeringsaanbod(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De 'datumAanvangTaalschakeltraject' ligt niet voor ... de 'datumInburgeringsaanbod'."""
    start, enrolment = submission.verwachte_startdatum_opleiding, submission.datum_inburgeringsaanbod
    if start is None or enrolment is None or start >= enrolment:
        return None
    return RuleViolation(
        AanbodCode.START_VOOR_DATUM_INBURGERINGSAANBOD,
        "verwachte_startdatum_opleiding",
        _(
            "De verwachte startdatum van de opleiding (%(start)s) ligt vóór de datum "
            "inburgeringsaanbod (%(datum)s)."
        )
        % {"start": format_date(start), "datum": format_date(enrolment)},
    )


def einddatum_opleiding_niet_voor_startdatum_opleiding(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De 'datumAanvangTaalschakeltraject' ligt niet voor de 'datumEindeCursus' — with the API's names:
    the opleiding does not end before it starts."""
    start, end = submission.verwachte_startdatum_opleiding, submission.verwachte_einddatum_opleiding
    if start is None or end is None or end >= start:
        return None
    return RuleViolation(
        AanbodCode.EINDE_VOOR_START,
        "verwachte_einddatum_opleiding",
        _(
            "De verwachte einddatum van de opleiding (%(einde)s) ligt vóór de verwachte "
            "startdatum (%(start)s)."
        )
        % {"einde": format_date(end), "start": format_date(start)},
    )


def _outside_term(field: str, day: dt.date, termijn: Inburgeringstermijn) -> RuleViolation:
    return RuleViolation(
        AanbodCode.BUITEN_INBURGERINGSTERMIJN,
        field,
        _("%(label)s (%(datum)s) ligt buiten de inburgeringstermijn (%(start)s tot en met %(laatste)s).")
        % {
            "label": _label(field),
            "datum": format_date(day),
            "start": format_date(termijn.startdatum),
            "laatste": format_date(termijn.last_day),
        },
    )


def _inside_term(
    field: str, day: dt.date | None, termijn: Inburgeringstermijn | None,
    inside: Callable[[Inburgeringstermijn, dt.date], bool],
) -> RuleViolation | None:
    if day is None or termijn is None or inside(termijn, day):
        return None
    return _outside_term(field, day, termijn)


def startdatum_opleiding_binnen_termijn(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De 'datumAanvangTaalschakeltraject' (verwachteStartdatumOpleiding) mag niet buiten de
    inburgeringstermijn liggen: from the startdatum up to and including the last day of the term."""
    return _inside_term("verwachte_startdatum_opleiding", submission.verwachte_startdatum_opleiding,
                        context.termijn, Inburgeringstermijn.includes)


def einddatum_opleiding_binnen_termijn(
    submission: AanbodSubmission, context: AanbodContext
) -> RuleViolation | None:
    """De 'datumEindeCursus' (verwachteEinddatumOpleiding) mag niet buiten de inburgeringstermijn liggen.
    Both ends are exclusive, so an opleiding may end exactly on the einddatum of the term."""
    return _inside_term("verwachte_einddatum_opleiding", submission.verwachte_einddatum_opleiding,
                        context.termijn, lambda termijn, end: termijn.startdatum <= end <= termijn.einddatum)


AANBOD_RULES: tuple[Callable[[AanbodSubmission, AanbodContext], RuleViolation | None], ...] = (
    alleen_voor_asielmigrant,
    pip_aanwezig,
    instelling_gekeurmerkt,
    datum_inburgeringsaanbod_niet_voor_dagtekening_pip,
    startdatum_opleiding_niet_voor_dagtekening_pip,
    einddatum_opleiding_niet_voor_dagtekening_pip,
    startdatum_opleiding_niet_voor_datum_inburgeringsaanbod,
    einddatum_opleiding_niet_voor_startdatum_opleiding,
    startdatum_opleiding_binnen_termijn,
    einddatum_opleiding_binnen_termijn,
)


def validate_aanbod(submission: AanbodSubmission, context: AanbodContext) -> list[RuleViolation]:
    """Every condition the offer breaks, in the order of ``AANBOD_RULES``; empty when DUO will accept it."""
    return [violation for rule in AANBOD_RULES if (violation := rule(submission, context)) is not None]
