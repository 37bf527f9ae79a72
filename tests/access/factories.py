"""Consents and transfers as rows, without the timeline and audit entries the services write."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from koers.access.constants import ConsentMethod, DataCategory
from koers.access.models import Consent, ConsentCategory, ConsentRecipient, Transfer


class ConsentFactory(DjangoModelFactory):
    """``ConsentFactory(person=..., organisations=[...], categories=[...], recipients=[...])``."""

    class Meta:
        model = Consent
        skip_postgeneration_save = True

    purpose = "Begeleiding bij wonen, zorg en geldzaken"
    given_on = dt.date(2026, 3, 10)
    method = ConsentMethod.VERBAL
    witness = "Fatima el Idrissi (tolk)"
    language = "ar"

    @factory.post_generation
    def organisations(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.organisations.set(extracted)

    @factory.post_generation
    def categories(self, create: bool, extracted, **kwargs) -> None:
        if create:
            chosen = extracted if extracted is not None else [DataCategory.HEALTH, DataCategory.FINANCE,
                                                               DataCategory.NOTES]
            ConsentCategory.objects.bulk_create(ConsentCategory(consent=self, category=c) for c in chosen)

    @factory.post_generation
    def recipients(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            ConsentRecipient.objects.bulk_create(ConsentRecipient(consent=self, recipient=r) for r in extracted)


class TransferFactory(DjangoModelFactory):
    class Meta:
        model = Transfer

    transferred_on = dt.date(2026, 11, 1)
    from_municipality = factory.SelfAttribute("person.municipality")
