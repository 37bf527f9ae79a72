"""The newcomer's consents as the portal shows them, in simple words of the portal's own (so that
every portal language has them), and what the newcomer may consent to themselves.

Recording and withdrawing are koers.access.consent's. A consent given in the portal is recorded as a
signed form: the form is a PDF receipt in Dutch of exactly what the newcomer agreed to, when, in
which language they read it and how they logged in (a code or DigiD) — their electronic signature."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from koers.access.consent import consents_of, give_consent, withdraw_consent
from koers.access.constants import ConsentMethod, DataCategory, Recipient, Role
from koers.access.models import Consent, ConsentRule
from koers.access.policy import KIND_RECIPIENT, ROLE_CATEGORIES
from koers.lib import clock
from koers.lib.pdf import pdf_of
from koers.lib.records import record_language
from koers.people.constants import LANGUAGES
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
# The purpose as the dossier records it (in Dutch, whatever the portal's language).
PURPOSES = {
    Recipient.MB_ORGANISATION: "Begeleiding door de organisatie voor maatschappelijke begeleiding",
    Recipient.VOLUNTEER: "Hulp van een vrijwilliger (maatje)",
    Recipient.LANGUAGE_PROVIDER: "Lessen en begeleiding bij de taalschool",
    Recipient.OTHER_PARTNER: "Hulp van andere organisaties in de keten",
    Recipient.NEXT_MUNICIPALITY: "Overdracht aan de nieuwe gemeente na een verhuizing",
}
LOGIN_TEXTS = {
    "sms": "met een eenmalige code per sms naar het geregistreerde telefoonnummer",
    "e-mail": "met een eenmalige code per e-mail naar het geregistreerde e-mailadres",
    "digid": "met DigiD",
}
RECEIPT_TEMPLATE = "portaal/consent_receipt.html"


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    purpose: str
    who: list[str]
    what: list[str]
    active: bool


def texts(categories) -> list[str]:
    return [str(CATEGORY_TEXTS[c]) for c in categories]


def rows_of(person: Person) -> list[ConsentRow]:
    today = clock.today()
    return [
        ConsentRow(
            consent=consent,
            purpose=consent.purpose,
            who=[o.name for o in consent.organisations.all()] + [str(RECIPIENT_TEXTS[r]) for r in consent.recipients],
            what=texts(consent.categories),
            active=consent.is_active(today),
        )
        for consent in consents_of(person)
    ]


def own_consent(person: Person, consent_id: int) -> Consent:
    return get_object_or_404(consents_of(person), pk=consent_id)


@dataclass(frozen=True)
class Offer:
    """Data the municipality shares with a kind of recipient only with consent, that the recipient
    could see, and that no consent of the newcomer in force covers yet."""

    recipient: Recipient
    categories: list[DataCategory]

    @property
    def who(self) -> str:
        return str(RECIPIENT_TEXTS[self.recipient])

    @property
    def what(self) -> list[str]:
        return texts(self.categories)


# What each kind of recipient could ever see: consent for more would change nothing (a volunteer
# never sees health or finances, whatever the newcomer agrees to).
REACH = {
    Recipient.MB_ORGANISATION: ROLE_CATEGORIES[Role.MB_BEGELEIDER],
    Recipient.VOLUNTEER: ROLE_CATEGORIES[Role.VRIJWILLIGER],
    Recipient.LANGUAGE_PROVIDER: ROLE_CATEGORIES[Role.TAALAANBIEDER],
    Recipient.NEXT_MUNICIPALITY: ROLE_CATEGORIES[Role.CONSULTANT],
}


def offers_for(person: Person) -> list[Offer]:
    needed: dict[str, set[str]] = defaultdict(set)
    for recipient, category in ConsentRule.objects.filter(municipality_id=person.municipality_id).values_list(
        "recipient", "category"
    ):
        if category in REACH.get(recipient, ()):
            needed[recipient].add(category)
    today = clock.today()
    for consent in consents_of(person):
        if consent.is_active(today):
            kinds = {KIND_RECIPIENT.get(o.kind) for o in consent.organisations.all()}
            for recipient in set(consent.recipients) | (kinds - {None}):
                needed[recipient] -= set(consent.categories)
    return [
        Offer(recipient, sorted(DataCategory(c) for c in needed[recipient]))
        for recipient in Recipient
        if needed[recipient]
    ]


def offer_for(person: Person, recipient: str) -> Offer:
    offer = next((o for o in offers_for(person) if o.recipient == recipient), None)
    if offer is None:
        raise Http404
    return offer


def receipt(person: Person, offer: Offer, language: str, how: str) -> SimpleUploadedFile:
    moment = clock.now()
    with record_language():
        html = render_to_string(RECEIPT_TEMPLATE, {
            "person": person, "moment": moment, "who": offer.who, "what": offer.what,
            "purpose": PURPOSES[offer.recipient], "language": LANGUAGES[language],
            "login": LOGIN_TEXTS.get(how, LOGIN_TEXTS["sms"]),
        })
    return SimpleUploadedFile(f"toestemming-portaal-{moment:%Y%m%d-%H%M}.pdf", pdf_of(html),
                              content_type="application/pdf")


def give_in_portal(*, person: Person, offer: Offer, language: str, how: str, request: HttpRequest) -> Consent:
    """The newcomer's own consent, given after logging in, with the receipt as its document; the record
    is in Dutch."""
    document = receipt(person, offer, language, how)
    with record_language():
        return give_consent(actor=None, person=person, purpose=PURPOSES[offer.recipient], organisations=[],
                            recipients=[offer.recipient], categories=offer.categories,
                            how=ConsentMethod.PORTAL, language=language, document=document,
                            channel="portaal", request=request)


def withdraw_in_portal(*, consent: Consent, request: HttpRequest) -> Consent:
    with record_language():
        return withdraw_consent(actor=None, consent=consent, channel="portaal", request=request)
