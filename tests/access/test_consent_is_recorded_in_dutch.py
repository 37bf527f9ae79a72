"""Consent and transfers go on the timeline and into the audit log in Dutch, also when the person
recording them works in English: the dossier is read by the whole chain."""

from django.utils import translation

from koers.access.consent import give_consent, transfer_person, withdraw_consent
from koers.access.constants import ConsentMethod, Recipient
from koers.access.constants import DataCategory as C
from koers.audit.models import AuditEntry
from koers.people.models import TimelineEvent


def test_consent_given_and_withdrawn_in_english_is_recorded_in_dutch(tenants):
    person = tenants.a.other_person
    with translation.override("en"):
        consent = give_consent(
            actor=tenants.a.consultant, person=person, purpose="Overdracht na verhuizing", organisations=[],
            recipients=[Recipient.NEXT_MUNICIPALITY], categories=[C.IDENTITY], how=ConsentMethod.VERBAL,
            language="en", witness="Tolk Nadia Amrani",
        )
        transfer_person(actor=tenants.a.consultant, person=person, to_municipality=tenants.b.municipality,
                        consent=consent)
        withdraw_consent(actor=tenants.a.consultant, consent=consent)
    titles = list(TimelineEvent.objects.filter(person=person).order_by("pk").values_list("title", flat=True))
    assert titles[-3:] == [
        "Toestemming gegeven om gegevens te delen",
        f"Dossier overgedragen aan {tenants.b.municipality}",
        "Toestemming ingetrokken",
    ]
    details = AuditEntry.objects.filter(person_id=person.pk).exclude(detail="").values_list("detail", flat=True)
    assert all("Doel: Overdracht na verhuizing" in d for d in details if d.startswith("Doel"))
    assert any(d.startswith("Doel: ") for d in details)
