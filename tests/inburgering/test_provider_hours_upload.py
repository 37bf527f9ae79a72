"""The provider's screen: a CSV of hours for its own students, every row checked with a Dutch message
per line, nothing stored when any row is wrong, a repeat replacing the same period."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.audit.models import AuditEntry
from koers.inburgering.models import Urenregistratie

from .route_factories import AanbodFactory
from .screens import logged_in

URL = "/uren/"
HEADER = "persoon;periode_vanaf;periode_tot_en_met;uren_aangeboden;uren_gevolgd;uren_geoorloofd_afwezig;toelichting"

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(tenants):
    return AanbodFactory(person=tenants.a.person, instelling__organisation=tenants.a.school)


def upload(user, *lines: str):
    content = "\n".join([HEADER, *lines]).encode()
    return logged_in(user).post(URL, {"file": SimpleUploadedFile("uren.csv", content, "text/csv")})


def test_the_provider_sees_its_students_with_their_koers_number(tenants, aanbod):
    content = logged_in(tenants.a.provider).get(URL).content.decode()
    assert tenants.a.person.full_name in content and aanbod.instelling.naam in content
    assert tenants.a.other_person.full_name not in content


def test_a_valid_file_stores_every_row(tenants, aanbod):
    pk = tenants.a.person.pk
    response = upload(tenants.a.provider, f"{pk};01-09-2026;30-09-2026;32;30;0;", f"{pk};01-10-2026;31-10-2026;32;20,5;4;Ziek")
    assert response.status_code == 302
    assert list(Urenregistratie.objects.order_by("period_start").values_list("hours_attended", flat=True)) == [
        Decimal(30), Decimal("20.5")
    ]
    assert tenants.a.person.timeline.filter(title="Gevolgde uren doorgegeven").count() == 2


def test_one_wrong_row_stores_nothing_and_names_its_line(tenants, aanbod):
    pk = tenants.a.person.pk
    other = tenants.a.other_person.pk
    response = upload(
        tenants.a.provider,
        f"{pk};01-09-2026;30-09-2026;32;30;0;",
        f"{pk};01-10-2026;31-10-2026;32;40;0;",
        f"{other};01-10-2026;31-10-2026;32;20;0;",
        f"{pk};31-11-2026;30-11-2026;x;1;0;",
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Regel 3" in content and "meer dan de aangeboden uren" in content
    assert "Regel 4" in content and "geen cursist van jouw organisatie" in content
    assert "Regel 5" in content and "periode_vanaf is geen datum" in content
    assert "uren_aangeboden is geen aantal uren" in content
    assert not Urenregistratie.objects.exists()


def test_a_file_with_missing_columns_is_refused(tenants, aanbod):
    response = logged_in(tenants.a.provider).post(
        URL, {"file": SimpleUploadedFile("uren.csv", b"naam;uren\nAmina;3", "text/csv")}
    )
    assert "Kolommen ontbreken" in response.content.decode()


def test_a_repeat_for_the_same_period_replaces_the_figures(tenants, aanbod):
    pk = tenants.a.person.pk
    upload(tenants.a.provider, f"{pk};01-10-2026;31-10-2026;32;20;0;")
    upload(tenants.a.provider, f"{pk};01-10-2026;31-10-2026;32;24;0;")
    assert Urenregistratie.objects.get().hours_attended == Decimal(24)
    assert tenants.a.person.timeline.filter(title="Gevolgde uren vervangen").exists()


def test_a_binary_file_is_refused_with_a_message(tenants, aanbod):
    response = logged_in(tenants.a.provider).post(
        URL, {"file": SimpleUploadedFile("uren.csv", b"\xff\xfe\x00\x01", "text/csv")}
    )
    assert response.status_code == 400
    assert "Dit soort bestand wordt niet aangenomen" in response.content.decode()


@pytest.mark.parametrize("who", ["consultant", "volunteer", "mb_worker"])
def test_only_a_language_provider_uses_the_screen(tenants, who):
    assert logged_in(getattr(tenants.a, who)).get(URL).status_code == 403


def test_a_provider_of_another_municipality_cannot_report_for_a_students_of_a(tenants, aanbod):
    response = upload(tenants.b.provider, f"{tenants.a.person.pk};01-10-2026;31-10-2026;32;20;0;")
    assert response.status_code == 400
    assert "geen cursist van jouw organisatie" in response.content.decode()
    assert not Urenregistratie.objects.exists()
    assert not AuditEntry.objects.filter(person_id=tenants.a.person.pk).exists()
