"""The newcomer's contact persons: the consultant and the MB worker, with a work name, the
organisation and how to reach the organisation (never a worker's own number). Newcomers often do not
know who their contact person is, because staff change (seed 003); so the portal remembers who the
newcomer last saw and tells them when that changed, until they looked at the contact page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory, Role
from koers.access.models import Membership, Organisation, User
from koers.begeleiding.services import open_trajectory
from koers.lib import clock
from koers.people.models import Person

from .models import ContactDetails, ContactsSeen

CONTACT_CATEGORIES = (DataCategory.CONTACT,)
CONSULTANT, WORKER = "consulent", "begeleider"
ROLE_TEXTS = {CONSULTANT: _("Uw consulent inburgering"), WORKER: _("Uw begeleider")}


@dataclass(frozen=True)
class Contact:
    key: str
    user_id: int | None
    name: str
    organisation: Organisation | None
    details: ContactDetails | None

    @property
    def role(self) -> str:
        return str(ROLE_TEXTS[self.key])


def organisation_of(user: User, role: Role) -> Organisation | None:
    membership = Membership.objects.filter(user=user, role=role).select_related("organisation").first()
    return membership.organisation if membership else None


def contact(key: str, user: User | None, organisation: Organisation | None) -> Contact:
    details = ContactDetails.objects.filter(organisation=organisation).first() if organisation else None
    name = user.get_full_name() if user else ""
    return Contact(key, user.pk if user else None, name, organisation, details)


def contacts_of(person: Person) -> list[Contact]:
    contacts = []
    consultant = person.consultant
    if consultant is not None:
        contacts.append(contact(CONSULTANT, consultant, organisation_of(consultant, Role.CONSULTANT)))
    trajectory = open_trajectory(person)
    if trajectory is not None and (trajectory.worker or trajectory.organisation):
        worker = trajectory.worker
        organisation = trajectory.organisation or (
            organisation_of(worker, Role.MB_BEGELEIDER) if worker else None
        )
        contacts.append(contact(WORKER, worker, organisation))
    return contacts


def as_seen(contacts: list[Contact]) -> dict[str, int | None]:
    return {c.key: c.user_id for c in contacts}


def changed_contacts(person: Person, contacts: list[Contact]) -> list[Contact]:
    """The contacts that are new or another person since the newcomer last looked. The first time
    there is nothing to compare with: what they see now is what they know."""
    seen, created = ContactsSeen.objects.get_or_create(
        person=person, defaults={"contacts": as_seen(contacts)}
    )
    if created:
        return []
    return [c for c in contacts if c.key not in seen.contacts or seen.contacts[c.key] != c.user_id]


def mark_seen(person: Person, contacts: list[Contact]) -> None:
    ContactsSeen.objects.update_or_create(
        person=person, defaults={"contacts": as_seen(contacts), "seen_at": clock.now()}
    )
