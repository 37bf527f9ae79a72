from django.test import RequestFactory

from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.people.constants import EventSource


def test_a_screen_change_names_the_logged_in_user_and_the_screen(tenants):
    request = RequestFactory().post("/")
    request.user = tenants.a.consultant
    by = ChangeContext.screen(request, "Scherm: test")
    assert (by.actor, by.channel, by.event_source) == (tenants.a.consultant, Channel.UI, EventSource.UI)
    assert by.audit_arguments() == {"user": tenants.a.consultant, "purpose": "Scherm: test", "channel": Channel.UI,
                                    "request": request}


def test_commands_and_background_work_are_the_system_on_the_timeline():
    assert ChangeContext(None, "x", Channel.COMMAND).event_source == EventSource.SYSTEM
    assert ChangeContext(None, "x", Channel.SYSTEM).event_source == EventSource.SYSTEM


def test_an_api_change_is_marked_as_coming_from_the_api():
    assert ChangeContext(None, "x", Channel.API).event_source == EventSource.API
