"""Every upload is checked by what the file is and by its size.

The places a file can be uploaded are found, not listed: every form field and serializer field that
takes a file in any module of Koers, and every model field that stores one. Each must have a case
below that uploads a good file (accepted, so the rest of the form is right) and then files of the
wrong kind (a web page or a program named .pdf or .csv, binary data), an empty one and one just too
large: each is refused with a message, the database is unchanged and nothing is stored. The API
takes JSON only."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import resolve, reverse
from rest_framework import serializers
from rest_framework.parsers import JSONParser

import koers
from koers.access.consent import MAX_DOCUMENT_BYTES
from koers.inburgering.forms_route import UrenUploadForm
from tests.access.database import changed_between, database_state
from tests.access.routes import routes
from tests.inburgering.route_factories import AanbodFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WEB_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
ARCHIVE = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(100)
BINARY = bytes(range(256))


def every_module() -> Iterator[str]:
    for module in pkgutil.walk_packages(koers.__path__, "koers."):
        if ".migrations." not in module.name and not module.name.endswith((".wsgi", ".celery", ".cli")):
            yield module.name


def subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(subclasses(c) for c in found))


def file_fields() -> set[str]:
    """Every field of a form or serializer in Koers that takes a file, and every model field that stores one."""
    for name in every_module():
        importlib.import_module(name)
    found = {
        f"{cls.__module__}.{cls.__qualname__}.{field}"
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.startswith("koers.")
        for field, value in cls.base_fields.items()
        if isinstance(value, forms.FileField)
    }
    found |= {
        f"{cls.__module__}.{cls.__qualname__}.{field}"
        for cls in subclasses(serializers.Serializer)
        if cls.__module__.startswith("koers.")
        for field, value in getattr(cls, "_declared_fields", {}).items()
        if isinstance(value, serializers.FileField)
    }
    found |= {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    return found


@dataclass
class Upload:
    """A form with a file field, filled in rightly but for the file."""

    client: Client
    url: str
    data: dict
    field: str
    good: tuple[str, bytes]
    wrong: list[tuple[str, bytes]]
    max_bytes: int

    def post(self, name: str, content: bytes):
        return self.client.post(self.url, {**self.data, self.field: SimpleUploadedFile(name, content)})

    def refused_files(self) -> list[tuple[str, bytes]]:
        name, content = self.good
        too_large = content + b"\n" * (self.max_bytes + 1 - len(content))
        return [*self.wrong, (name, b""), (name, too_large)]


def consent_document(tenants, client_as) -> Upload:
    person = tenants.a.person
    data = {
        "purpose": "Maatschappelijke begeleiding", "organisations": [tenants.a.mb_organisation.pk],
        "categories": ["gezondheid"], "how": "formulier", "language": "ar", "given_on": "20-11-2026",
    }
    return Upload(
        client_as(tenants.a.consultant), f"/personen/{person.pk}/toestemming/nieuw/", data, "document",
        ("formulier.pdf", PDF), [("formulier.pdf", WEB_PAGE), ("formulier.pdf", PROGRAM), ("formulier.png", ARCHIVE)],
        MAX_DOCUMENT_BYTES,
    )


def provider_hours(tenants, client_as) -> Upload:
    AanbodFactory(person=tenants.a.person, instelling__organisation=tenants.a.school)
    rows = (
        "persoon;periode_vanaf;periode_tot_en_met;uren_aangeboden;uren_gevolgd;uren_geoorloofd_afwezig;toelichting\n"
        f"{tenants.a.person.pk};01-10-2026;31-10-2026;32;30;0;\n"
    ).encode()
    return Upload(
        client_as(tenants.a.provider), "/uren/", {}, "file", ("uren.csv", rows),
        [("uren.csv", PROGRAM), ("uren.csv", BINARY), ("uren.csv", PDF)], UrenUploadForm.MAX_BYTES,
    )


# Per place a file is uploaded, how to upload there; a model's file field names the form that fills it.
CASES: dict[str, Callable[[object, Callable], Upload]] = {
    "koers.access.forms.ConsentForm.document": consent_document,
    "koers.inburgering.forms_route.UrenUploadForm.file": provider_hours,
}
STORED_BY = {"access.Consent.document": "koers.access.forms.ConsentForm.document"}


def test_every_place_that_takes_a_file_has_an_upload_case():
    assert file_fields() == set(CASES) | set(STORED_BY)
    assert set(STORED_BY.values()) <= set(CASES)


def view_class(route) -> type:
    url = reverse(route.name, kwargs={p: "1" if p == "pk" else "x" for p in route.params})
    return resolve(url).func.cls


def test_the_api_accepts_no_files():
    """Every endpoint of the API parses JSON only (DRF's views are classes, the documents too)."""
    parsers = {parser for route in routes() if route.api for parser in view_class(route).parser_classes}
    assert parsers and all(issubclass(parser, JSONParser) for parser in parsers)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("place", sorted(CASES))
def test_a_good_file_is_taken_and_a_wrong_empty_or_too_large_one_is_refused(tenants, client_as, media, place):
    upload = CASES[place](tenants, client_as)
    with transaction.atomic():
        accepted = upload.post(*upload.good)
        assert accepted.status_code == 302, accepted.content.decode()[:2000]
        transaction.set_rollback(True)
    for path in stored_files(media):
        path.unlink()
    before = database_state()
    for name, content in upload.refused_files():
        response = upload.post(name, content)
        assert response.status_code == 400, (name, len(content))
        assert "error-summary" in response.content.decode()
    assert changed_between(before, database_state()) == []
    assert stored_files(media) == []
