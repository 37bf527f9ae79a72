"""The consultant as DUO's contactpersoon of the persons in their caseload (Contactpersoon API).

When a person's consultant is set, changed or removed, or DUO's duty is registered for a person who
has a consultant, Koers puts the messages on the outbox in the same transaction:

* ``contactpersoon_aanmaken`` when DUO does not know this consultant for the person's municipality
  yet (DUO answers with its id, which the following messages use);
* ``contactpersoon_koppelen`` to link the person to the consultant; DUO overwrites an earlier link
  with another contactpersoon, so a change of consultant is this one message;
* ``contactpersoon_ontkoppelen`` when the person no longer has a consultant.

Only for persons DUO knows (with an inburgeringsplicht) and only in a municipality that passes
contactpersonen (``ContactpersoonSettings``, which holds the telephone number DUO requires). Details
DUO's specification would refuse (a name with digits, no e-mail address) are not sent: the timeline
says why, and the change of consultant itself goes ahead.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.duo import outbox
from koers.duo.models import Contactpersoon, ContactpersoonLink, ContactpersoonSettings
from koers.lib import clock
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent


def contactpersoongegevens(user: User, settings: ContactpersoonSettings) -> dict[str, str]:
    """What DUO is told about the consultant: name, e-mail address and the municipality's number."""
    return {
        "naam": (user.get_full_name() or user.get_username())[:100],
        "email": user.email,
        "telefoonnummer": settings.telefoonnummer,
    }


def _known_to_duo(person: Person) -> bool:
    from koers.inburgering.models import Inburgeringsplicht

    return Inburgeringsplicht.objects.filter(person=person).exists()


def sync(person: Person, actor: User | None = None) -> list:
    """Bring the person's link at DUO in line with their consultant; returns the messages queued.
    In a municipality that does not pass contactpersonen this is one query and nothing else."""
    settings = ContactpersoonSettings.objects.filter(municipality_id=person.municipality_id).first()
    if settings is None:
        return []
    with transaction.atomic():
        link = ContactpersoonLink.objects.select_related("contactpersoon").filter(person=person).first()
        user = person.consultant if person.consultant_id is not None and _known_to_duo(person) else None
        if user is None:
            return _unlink(person, link, actor) if link is not None else []
        if link is not None and (link.contactpersoon.user_id, link.contactpersoon.municipality_id) == (
            user.pk, person.municipality_id
        ):
            return []
        contactpersoon = Contactpersoon.objects.filter(municipality_id=person.municipality_id, user=user).first()
        messages = []
        if contactpersoon is None:
            gegevens = contactpersoongegevens(user, settings)
            try:
                with transaction.atomic():
                    contactpersoon = Contactpersoon.objects.create(
                        municipality_id=person.municipality_id, user=user, gegevens=gegevens
                    )
                    messages.append(outbox.enqueue(person, outbox.CREATES_CONTACTPERSOON, gegevens, actor,
                                                   contactpersoon=contactpersoon))
            except outbox.OutboxRefused as refused:
                _not_sent(person, user, str(refused), actor)
                return []
        messages.append(outbox.enqueue(person, "contactpersoon_koppelen", None, actor, contactpersoon=contactpersoon))
        ContactpersoonLink.objects.update_or_create(person=person, defaults={"contactpersoon": contactpersoon})
        return messages


def _unlink(person: Person, link: ContactpersoonLink, actor: User | None) -> list:
    message = outbox.enqueue(person, "contactpersoon_ontkoppelen", None, actor, contactpersoon=link.contactpersoon)
    link.delete()
    return [message]


def _not_sent(person: Person, user: User, reason: str, actor: User | None) -> None:
    TimelineEvent.objects.create(
        person=person, occurred_at=clock.now(), kind=EventKind.DUO, category=DataCategory.DUO,
        title=_("Consulent niet als contactpersoon aan DUO doorgegeven")[:200],
        body=_("De gegevens van %(naam)s kunnen niet naar DUO. %(reden)s")
        % {"naam": user.get_full_name() or user.get_username(), "reden": reason},
        actor=actor, source=EventSource.SYSTEM if actor is None else EventSource.UI,
    )


def person_saved(sender, instance: Person, raw: bool = False, **kwargs) -> None:
    if not raw:
        sync(instance)


def duty_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        sync(instance.person)


def connect() -> None:
    from koers.inburgering.models import Inburgeringsplicht

    post_save.connect(person_saved, sender=Person, dispatch_uid="koers.duo.contactpersoon.person")
    post_save.connect(duty_saved, sender=Inburgeringsplicht, dispatch_uid="koers.duo.contactpersoon.duty")
