"""Invitations to a group session: in the person's language with a Dutch fallback (the language used is
stored), an interpreter where the person speaks none of the session's languages, within the capacity
and the municipality, each on the person's timeline."""

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.begeleiding import sessions
from koers.begeleiding.invitations import invitation_language, letter
from koers.begeleiding.models import Invitation

from .factories import PURPOSE, session_in


def speaking(person, *languages):
    person.languages = list(languages)
    person.save()
    return person


def invite(tenants, session, *persons):
    return sessions.invite(actor=tenants.a.mb_worker, session=session, persons=persons, purpose=PURPOSE)


def test_the_invitation_falls_back_to_dutch_for_a_language_without_a_translation(tenants):
    person = speaking(tenants.a.person, "ti")
    [invitation] = invite(tenants, session_in(tenants.a.municipality, tenants.a.mb_worker), person)
    assert invitation.language == "nl"
    text = letter(invitation)
    assert "U bent van harte uitgenodigd" in text.body
    assert text.direction == "ltr"


def test_the_invitation_takes_the_first_of_the_persons_languages_with_a_translation(tenants):
    person = speaking(tenants.a.person, "ti", "ar", "en")
    assert invitation_language(person) == "ar"
    [invitation] = invite(tenants, session_in(tenants.a.municipality, tenants.a.mb_worker), person)
    assert Invitation.objects.get().language == "ar"
    text = letter(invitation)
    assert text.direction == "rtl"
    assert "Wonen in Nederland" in text.body
    assert "U bent" not in text.body


@pytest.mark.parametrize(("languages", "needed"), [(["ar", "nl"], ""), (["ti", "ar"], "ar"), (["so"], "so"), ([], "")])
def test_an_interpreter_is_needed_when_the_person_speaks_none_of_the_sessions_languages(tenants, languages, needed):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker, languages=["nl"], interpreter_languages=["ar"])
    [invitation] = invite(tenants, session, speaking(tenants.a.person, *languages))
    assert invitation.interpreter_language == needed


def test_the_session_lists_the_interpreters_needed_per_language(tenants):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker, languages=["nl"], interpreter_languages=["ar"])
    invite(tenants, session, speaking(tenants.a.person, "ar"), speaking(tenants.a.other_person, "so"))
    assert [(n.language, n.count, n.available) for n in sessions.interpreters_needed(session)] == [
        ("ar", 1, True), ("so", 1, False)]


def test_an_invitation_lands_on_the_timeline(tenants):
    invite(tenants, session_in(tenants.a.municipality, tenants.a.mb_worker), tenants.a.person)
    event = tenants.a.person.timeline.get(title__startswith="Uitgenodigd")
    assert event.category == DataCategory.CONTACT
    assert "Buurthuis De Linde" in event.body


def test_inviting_someone_twice_leaves_the_first_invitation(tenants):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker)
    invite(tenants, session, tenants.a.person)
    assert invite(tenants, session, tenants.a.person) == []
    assert Invitation.objects.count() == 1


def test_more_people_than_places_are_refused_as_a_whole(tenants):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker, capacity=1)
    with pytest.raises(ValidationError, match="nog 1 plaatsen"):
        invite(tenants, session, tenants.a.person, tenants.a.other_person)
    assert not Invitation.objects.exists()


def test_a_person_of_another_municipality_is_refused(tenants):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker)
    with pytest.raises(ValidationError, match="gemeente van de bijeenkomst"):
        invite(tenants, session, tenants.a.person, tenants.b.person)
    assert not Invitation.objects.exists()
