"""The newcomer's consents as the portal shows them, in simple words of the portal's own (so that
every portal language has them). Recording and withdrawing are koers.access.consent's."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from koers.access.consent import consents_of
from koers.access.constants import DataCategory, Recipient
from koers.access.models import Consent
from koers.lib import clock
from koers.people.models import Person

CATEGORY_TEXTS = {
    DataCategory.IDENTITY: _("wie u bent (naam, geboortedatum)"),
    DataCategory.CONTACT: _("uw adres, telefoon en e-mail"),
    DataCategory.BSN: _("uw burgerservicenummer (BSN)"),
    DataCategory.HEALTH: _("uw gezondheid"),
    DataCategory.FINANCE: _("uw geld en uw rekeningen"),
    DataCategory.EDUCATION_WORK: _("uw opleiding en werk"),
    DataCategory.NOTES: _("aantekeningen van uw begeleiders"),
    DataCategory.DUO: _("uw gegevens bij DUO"),
}
RECIPIENT_TEXTS = {
    Recipient.MB_ORGANISATION: _("de organisatie die u begeleidt"),
    Recipient.VOLUNTEER: _("uw vrijwilliger (maatje)"),
    Recipient.LANGUAGE_PROVIDER: _("uw taalschool"),
    Recipient.OTHER_PARTNER: _("andere organisaties die u helpen"),
    Recipient.NEXT_MUNICIPALITY: _("uw nieuwe gemeente als u verhuist"),
}


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    purpose: str
    who: list[str]
    what: list[str]
    active: bool


def rows_of(person: Person) -> list[ConsentRow]:
    today = clock.today()
    return [
        ConsentRow(
            consent=consent,
            purpose=consent.purpose,
            who=[o.name for o in consent.organisations.all()] + [str(RECIPIENT_TEXTS[r]) for r in consent.recipients],
            what=[str(CATEGORY_TEXTS[c]) for c in consent.categories],
            active=consent.is_active(today),
        )
        for consent in consents_of(person)
    ]


def own_consent(person: Person, consent_id: int) -> Consent:
    consent = consents_of(person).filter(pk=consent_id).first()
    if consent is None:
        raise Http404
    return consent
