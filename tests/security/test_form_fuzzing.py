"""Hypothesis over every form of the screens: each post form that a viewer meets on the pages of the
world (tests/security/forms.py reads them from the HTML) is filled with generated input, from the
offered choices to arbitrary text, dates, numbers, NUL characters and random files. No answer is a
server error, and every refusal (a 4xx, or the page again with its error summary) leaves the
database as it was (each post is rolled back afterwards, so each starts from the same state)."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.db import transaction

from koers.access.constants import Role
from tests.access.database import changed_between, database_state
from tests.access.world import World, build_world, viewers

from .forms import Field, Form, forms_for, upload

FUZZED_VIEWERS = {role.value for role in Role} | {"inburgeraar (portaal)"}
EXAMPLES_PER_FORM = 6

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "2026-02-30", "31-12-2026", "1-1-1900", "\x00"]),
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.text(min_size=300, max_size=1200),
)


def value_of(field: Field) -> st.SearchStrategy:
    if field.kind == "choice":
        return st.one_of(st.sampled_from(field.options), texts) if field.options else texts
    if field.kind == "multiple":
        return st.one_of(st.lists(st.sampled_from(field.options), unique=True), st.lists(texts, max_size=2))
    if field.kind == "file":
        names = st.sampled_from(["formulier.pdf", "uren.csv", "foto.png", "x"])
        return st.builds(upload, names, st.binary(max_size=3000))
    return st.one_of(st.just(field.value), texts)


def filled(form: Form) -> st.SearchStrategy:
    return st.fixed_dictionaries({f.name: value_of(f) for f in form.fields})


def refused(response) -> bool:
    return 400 <= response.status_code < 500 or (
        response.status_code == 200 and b'class="error-summary"' in response.content
    )


def fuzz(client, form: Form, before: dict[str, str]) -> int:
    """Post generated input to ``form``; returns how many posts were refusals. Each post is rolled
    back afterwards, so every one starts from the state ``before``. A failing example is reported as
    it was generated (no shrinking: the sweep covers many forms)."""
    refusals = 0

    @hypothesis_settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=filled(form))
    def post(data: dict) -> None:
        nonlocal refusals
        with transaction.atomic():
            response = client.post(form.action, data)
            assert response.status_code < 500, (form.action, data)
            if refused(response):
                refusals += 1
                assert changed_between(before, database_state()) == [], (form.action, data)
            transaction.set_rollback(True)

    post()
    return refusals


@pytest.fixture
def world(tenants) -> World:
    return build_world(tenants)


def every_form(world: World, pages: str = "") -> list[tuple[object, Form]]:
    """Each distinct form (on the pages whose route starts with ``pages``) with the first viewer
    that meets it."""
    found: dict[tuple, tuple[object, Form]] = {}
    for viewer in (v for v in viewers(world) if v.label in FUZZED_VIEWERS):
        for form in forms_for(viewer, world, pages):
            found.setdefault((form.action, tuple(f.name for f in form.fields)), (viewer, form))
    return list(found.values())


def fuzz_all(forms: list[tuple[object, Form]]) -> tuple[int, list[str]]:
    """Fuzz every form; the refusals counted and, per failing form, what went wrong."""
    refusals, failures = 0, []
    before = database_state()
    for viewer, form in forms:
        try:
            refusals += fuzz(viewer.client, form, before)
        except Exception as failure:  # noqa: BLE001  (every failing form is reported, not only the first)
            failures.append(f"{viewer.label} {form.action}: {type(failure).__name__}: {failure}"[:600])
    return refusals, failures


def test_no_form_input_crashes_a_screen_and_a_refusal_changes_nothing(world):
    fuzzed = every_form(world)
    refusals, failures = fuzz_all(fuzzed)
    print(f"\nFormulieren: {len(fuzzed)} gevuld, {refusals} weigeringen zonder wijziging")
    assert not failures, "\n".join(failures)
    assert len(fuzzed) > 40 and refusals > 100
