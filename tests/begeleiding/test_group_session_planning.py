"""Planning a group session: the covered items come from the municipality's MB policy, the languages
from the list, the moment lies ahead; anything else is refused and nothing is stored."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from koers.begeleiding import sessions
from koers.begeleiding.models import GroupSession

from .factories import session_in


def test_a_session_covers_items_of_the_municipalitys_policy(tenants):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker)
    keys = {s.key for s in sessions.checklist_options(tenants.a.municipality)}
    assert session.covers and set(session.covers) <= keys


def test_an_interpreter_language_equal_to_a_spoken_language_is_dropped(tenants):
    session = session_in(tenants.a.municipality, tenants.a.mb_worker, languages=["nl", "ar"],
                         interpreter_languages=["ar", "ti"])
    assert session.interpreter_languages == ["ti"]


@pytest.mark.parametrize("change", [
    {"covers": ["geen-punt-van-het-beleid"]},
    {"languages": []},
    {"languages": ["xx"]},
    {"interpreter_languages": ["xx"]},
    {"capacity": 0},
    {"title": " "},
    {"kind": "feest"},
    {"starts_at": timezone.make_aware(dt.datetime(2026, 11, 24, 19))},
])
def test_invalid_input_is_refused_and_nothing_is_stored(tenants, change):
    with pytest.raises(ValidationError):
        session_in(tenants.a.municipality, tenants.a.mb_worker, **change)
    assert not GroupSession.objects.exists()
