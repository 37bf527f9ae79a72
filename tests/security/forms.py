"""Every form a viewer meets on the pages of the world (tests/access/world.py), read from the HTML:
where it posts to and what it asks, so that tests can fill it in any way they like."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access.routes import routes, targets_for
from tests.access.world import Viewer, World

SKIPPED_INPUTS = {"submit", "button", "image", "reset"}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, choice, multiple, file
    options: tuple[str, ...] = ()
    value: str = ""


@dataclass(frozen=True)
class Form:
    page: str
    action: str
    fields: tuple[Field, ...]

    @property
    def files(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == "file")


def fields_of(form) -> tuple[Field, ...]:
    found: dict[str, Field] = {}
    for element in form.inputs:
        name = element.get("name")
        if not name or element.get("type", "text") in SKIPPED_INPUTS:
            continue
        kind = element.get("type", "text") if element.tag == "input" else element.tag
        if kind in ("checkbox", "radio"):
            previous = found.get(name)
            options = (*(previous.options if previous else ()), element.get("value", "on"))
            found[name] = Field(name, "multiple" if kind == "checkbox" else "choice", options)
        elif kind == "select":
            options = tuple(o.get("value", o.text_content()) for o in element.iter("option"))
            found[name] = Field(name, "multiple" if element.get("multiple") is not None else "choice", options)
        elif kind == "file":
            found[name] = Field(name, "file")
        else:
            found[name] = Field(name, "text", value=element.get("value") or element.text_content() or "")
    return tuple(found.values())


def forms_on(url: str, html: str) -> list[Form]:
    document = lxml.html.fromstring(html)
    return [
        Form(url, form.get("action") or url, fields_of(form))
        for form in document.forms
        if (form.get("method") or "get").lower() == "post"
    ]


def forms_for(viewer: Viewer, world: World, pages: str = "") -> list[Form]:
    """The post forms on every page (whose route starts with ``pages``) the viewer opens for the
    targets of their own municipality, once per address and set of fields."""
    unique: dict[tuple, Form] = {}
    for route in routes():
        if route.api or route.admin or not route.pattern.startswith(pages):
            continue
        for target in targets_for(route, [t for t in world.targets if t.own]):
            for url in route.urls(target):
                response = viewer.client.get(url)
                if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                    for form in forms_on(url, response.content.decode()):
                        unique.setdefault((form.action, tuple(f.name for f in form.fields)), form)
    return list(unique.values())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
