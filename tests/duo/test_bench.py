from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from koers.duo.models import Notification
from tests.inburgering.factories import InburgeringsplichtFactory

pytestmark = pytest.mark.django_db


def test_the_duo_benchmark_runs_and_leaves_nothing_behind(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    out = io.StringIO()

    call_command("bench", "duo", "--sample", "2", stdout=out)

    text = out.getvalue()
    assert "notificaties ontvangen (endpoint)" in text
    assert "notificaties verwerken (worker, DUO bevragen)" in text
    assert "opgeslagen 20 en bevestigd (201) 20 van 20" in text
    assert "verwerkt 20," in text
    assert not Notification.objects.exists()
