"""Consent as a domain action: giving and withdrawing it, and the default rules of a municipality.

Screens, the API and the newcomer's own portal call these; each step lands on the person's timeline
and in the audit log. ``koers.access.query`` reads the records: access follows them at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.records import record_language
from koers.lib.uploads import validate_upload
from koers.people.constants import LANGUAGES, EventKind, EventSource
from koers.people.models import Person, TimelineEvent

from .constants import WITH_DOCUMENT, ConsentMethod, DataCategory, Recipient
from .models import (
    Consent,
    ConsentCategory,
    ConsentRecipient,
    ConsentRule,
    Municipality,
    Organisation,
    Transfer,
    User,
)
from .policy import CONSENT_ROLES, DEFAULT_CONSENT_RULES, TRANSFER_ROLES
from .query import acts_for

DOCUMENT_KINDS = ("pdf", "jpeg", "png")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

CHANNELS: dict[str, tuple[Channel, EventSource]] = {
    "ui": (Channel.UI, EventSource.UI),
    "portaal": (Channel.UI, EventSource.UI),
    "api": (Channel.API, EventSource.API),
    "systeem": (Channel.SYSTEM, EventSource.SYSTEM),
}

PURPOSE_GIVE = "Toestemming vastleggen"
PURPOSE_WITHDRAW = "Toestemming intrekken"
PURPOSE_TRANSFER = "Overdracht aan nieuwe gemeente"


def ensure_default_rules(municipality: Municipality) -> int:
    """Give a municipality the default consent rules it does not have yet; returns how many were added."""
    existing = set(municipality.consent_rules.values_list("recipient", "category"))
    rules = [
        ConsentRule(municipality=municipality, recipient=recipient, category=category)
        for recipient, categories in DEFAULT_CONSENT_RULES.items()
        for category in sorted(categories)
        if (recipient, category) not in existing
    ]
    ConsentRule.objects.bulk_create(rules)
    return len(rules)


def consents_of(person: Person) -> QuerySet[Consent]:
    """All consents of the person, newest first, with what they cover."""
    return (
        Consent.objects.filter(person=person)
        .select_related("recorded_by", "withdrawn_by")
        .prefetch_related("organisations", "category_rows", "recipient_rows")
    )


def _channel(channel: str) -> tuple[Channel, EventSource]:
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}")
    return CHANNELS[channel]


def _check(
    *,
    person: Person,
    purpose: str,
    organisations: list[Organisation],
    recipients: list[Recipient],
    categories: list[DataCategory],
    how: str,
    language: str,
    witness: str,
    document: UploadedFile | None,
    given_on: dt.date,
    in_portal: bool,
) -> None:
    errors: dict[str, list[str]] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not purpose.strip():
        fail("purpose", _("Vul het doel van de toestemming in."))
    if not categories:
        fail("categories", _("Kies ten minste één gegevenscategorie."))
    if not organisations and not recipients:
        fail("organisations", _("Kies ten minste één organisatie of soort ontvanger."))
    if any(
        o.municipality_id != person.municipality_id and person.municipality_id not in {m.pk for m in o.serves.all()}
        for o in organisations
    ):
        fail("organisations", _("Een organisatie werkt niet voor de gemeente van deze persoon."))
    if language not in LANGUAGES:
        fail("language", _("Kies de taal waarin de uitleg is gegeven."))
    if how == ConsentMethod.PORTAL and not in_portal:
        fail("how", _("Alleen de persoon zelf geeft toestemming in het portaal."))
    elif how in WITH_DOCUMENT:
        if document is None:
            fail("document", _("Voeg het ondertekende formulier toe (PDF, JPEG of PNG)."))
        else:
            try:
                validate_upload(document, kinds=DOCUMENT_KINDS, max_bytes=MAX_DOCUMENT_BYTES)
            except ValidationError as error:
                errors.setdefault("document", []).extend(error.messages)
    elif how == ConsentMethod.VERBAL:
        if not witness.strip():
            fail("witness", _("Vul de naam van de getuige in bij mondelinge toestemming."))
    else:
        fail("how", _("Kies hoe de toestemming is gegeven."))
    if given_on > clock.today():
        fail("given_on", _("De datum van de toestemming ligt in de toekomst."))
    if given_on < person.date_of_birth:
        fail("given_on", _("De datum van de toestemming ligt voor de geboortedatum."))
    if errors:
        raise ValidationError(errors)


def _summary(consent: Consent) -> str:
    who = [str(o) for o in consent.organisations.all()] + [str(r.label) for r in consent.recipients]
    what = [str(c.label) for c in consent.categories]
    return _("Doel: %(purpose)s. Ontvangers: %(who)s. Gegevens: %(what)s.") % {
        "purpose": consent.purpose,
        "who": ", ".join(who),
        "what": ", ".join(what),
    }


@transaction.atomic
def give_consent(
    *,
    actor: User | None,
    person: Person,
    purpose: str,
    organisations: Iterable[Organisation],
    categories: Iterable[str],
    how: str,
    language: str,
    witness: str = "",
    document: UploadedFile | None = None,
    given_on: dt.date | None = None,
    channel: str = "ui",
    recipients: Iterable[str] = (),
    request=None,
) -> Consent:
    """Record the person's consent to share ``categories`` with ``organisations`` and/or every
    recipient of the kinds in ``recipients``, for ``purpose``. ``actor`` is ``None`` when the person
    gives it themselves in the portal. Raises ``ValidationError`` (per field) and stores nothing when
    the record is incomplete."""
    channels = _channel(channel)
    organisations = list(organisations)
    chosen_categories = sorted({DataCategory(c) for c in categories})
    chosen_recipients = sorted({Recipient(r) for r in recipients})
    day = given_on or clock.today()
    _check(
        person=person, purpose=purpose, organisations=organisations, recipients=chosen_recipients,
        categories=chosen_categories, how=how, language=language, witness=witness, document=document, given_on=day,
        in_portal=actor is None and channel == "portaal",
    )
    consent = Consent(
        person=person,
        purpose=purpose.strip(),
        given_on=day,
        method=how,
        witness=witness.strip() if how == ConsentMethod.VERBAL else "",
        language=language,
        recorded_by=actor,
    )
    if how in WITH_DOCUMENT and document is not None:
        consent.document.save(document.name, document, save=False)
    consent.save()
    consent.organisations.set(organisations)
    ConsentCategory.objects.bulk_create(ConsentCategory(consent=consent, category=c) for c in chosen_categories)
    ConsentRecipient.objects.bulk_create(ConsentRecipient(consent=consent, recipient=r) for r in chosen_recipients)
    with record_language():
        summary = _summary(consent)
        _log_step(
            actor=actor, person=person, channels=channels, title=_("Toestemming gegeven om gegevens te delen"),
            body=summary, data={"consent": consent.pk, "given_on": day.isoformat()}, action=Action.CREATE,
            purpose=PURPOSE_GIVE, detail=_detail(actor, summary), request=request,
        )
    return consent


def _log_step(
    *,
    actor: User | None,
    person: Person,
    channels: tuple[Channel, EventSource],
    title: str,
    body: str,
    data: dict,
    action: Action,
    purpose: str,
    detail: str,
    request,
) -> None:
    """A step of consent or transfer on the person's timeline and in the audit log."""
    audit_channel, source = channels
    TimelineEvent.objects.create(
        person=person, kind=EventKind.STATUS, category=DataCategory.IDENTITY, title=title, body=body,
        actor=actor, source=source, data=data,
    )
    record(
        user=actor, action=action, persons=[person], categories=[DataCategory.IDENTITY], purpose=purpose,
        channel=audit_channel, request=request, detail=detail,
    )


def _detail(actor: User | None, summary: str) -> str:
    return summary if actor is not None else _("Door de persoon zelf in het portaal.") + " " + summary


@transaction.atomic
def withdraw_consent(
    *, actor: User | None, consent: Consent, on: dt.date | None = None, channel: str = "ui", request=None
) -> Consent:
    """Withdraw a consent from ``on`` (today when not given): from that day on it no longer gives access."""
    channels = _channel(channel)
    day = on or clock.today()
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."), code="withdrawn")
    if day < consent.given_on:
        raise ValidationError(_("Een toestemming kan niet worden ingetrokken voor de dag waarop ze is gegeven."),
                              code="before_given")
    consent.withdrawn_on = day
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    with record_language():
        summary = _summary(consent)
        _log_step(
            actor=actor, person=consent.person, channels=channels, title=_("Toestemming ingetrokken"),
            body=summary, data={"consent": consent.pk, "withdrawn_on": day.isoformat()}, action=Action.UPDATE,
            purpose=PURPOSE_WITHDRAW, detail=_detail(actor, summary), request=request,
        )
    return consent


def consents_for_next_municipality(person: Person, on: dt.date | None = None) -> QuerySet[Consent]:
    """The person's consents, active on ``on``, that reach the next municipality after a move."""
    return Consent.objects.active(on).filter(
        person=person, recipient_rows__recipient=Recipient.NEXT_MUNICIPALITY
    )


def _check_transfer(
    person: Person, to_municipality: Municipality, consent: Consent | None, day: dt.date
) -> None:
    if to_municipality.pk == person.municipality_id:
        raise ValidationError(_("Een overdracht gaat naar een andere gemeente."), code="same_municipality")
    if consent is not None and consent.person_id != person.pk:
        raise ValidationError(_("De toestemming hoort bij een andere persoon."), code="other_person")
    if consent is not None and not consents_for_next_municipality(person, day).filter(pk=consent.pk).exists():
        raise ValidationError(
            _("Deze toestemming geldt op die datum niet voor de nieuwe gemeente."),
            code="consent_not_for_transfer",
        )
    if day > clock.today():
        raise ValidationError(_("De datum van de overdracht ligt in de toekomst."), code="future")


@transaction.atomic
def transfer_person(
    *,
    actor: User | None,
    person: Person,
    to_municipality: Municipality,
    consent: Consent | None = None,
    on: dt.date | None = None,
    channel: str = "ui",
    request=None,
) -> Transfer:
    """Overdracht after a move (DUO's SS122/SS120): the consultants of ``to_municipality`` reach the
    dossier from ``on`` for what the sending municipality's rules and ``consent`` allow."""
    channels = _channel(channel)
    day = on or clock.today()
    _check_transfer(person, to_municipality, consent, day)
    transfer = Transfer.objects.create(
        person=person,
        from_municipality_id=person.municipality_id,
        to_municipality=to_municipality,
        transferred_on=day,
        consent=consent,
        recorded_by=actor,
    )
    with record_language():
        _log_step(
            actor=actor, person=person, channels=channels,
            title=_("Dossier overgedragen aan %(municipality)s") % {"municipality": to_municipality}, body="",
            data={"transfer": transfer.pk}, action=Action.CREATE, purpose=PURPOSE_TRANSFER,
            detail=f"Naar {to_municipality} vanaf {transfer.transferred_on:%d-%m-%Y}", request=request,
        )
    return transfer


def may_record_consent(user: User, person: Person) -> bool:
    """Consultants and MB workers of the person's municipality record and withdraw consent."""
    return acts_for(user, person, CONSENT_ROLES)


def may_transfer(user: User, person: Person) -> bool:
    """The consultant of the person's municipality records the overdracht after a move."""
    return acts_for(user, person, TRANSFER_ROLES)
