"""The quick check of the Notificatie endpoint (header parameters and JSON body as JSON Schema
validators built once) never lets through what openapi-core would refuse: for requests near a valid
notification (headers and fields dropped, changed or added, other content types, broken JSON), a
request that passes the quick check has no openapi-core errors. A valid notification passes it."""

from __future__ import annotations

import json
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.duo import specs
from koers.duo.simulator import DUO_OIN
from koers.duo.views import SERVICE

VALID_HEADERS = {"bron": DUO_OIN, "doel": "00000001001234567000", "berichtId": "4d0c8a4e-0000-4000-8000-000000000001"}
VALID_BODY = {"registratieDatumTijd": "2026-01-01T00:00:00+00:00", "gebeurtenisId": "SS199", "bsn": "123456782"}

values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.from_regex(r"\d{9,20}", fullmatch=True),
    st.sampled_from(["2026-02-30T00:00:00Z", "2026-01-01", "SS126", str(uuid.uuid4()), "v123", ""]),
)
# Header values as HTTP can carry them: no control characters (a newline ends a header).
header_values = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
headers = st.dictionaries(st.sampled_from([*VALID_HEADERS, "Content-Type", "x-extra"]), header_values, max_size=3)
bodies = st.dictionaries(st.sampled_from([*VALID_BODY, "vNummer", "extra"]), values, max_size=3)


def request(header_changes: dict, dropped_headers: list, body_changes: dict, dropped_fields: list,
            content_type: str, broken: bool) -> specs.SpecRequest:
    sent_headers = {k: v for k, v in {**VALID_HEADERS, **header_changes}.items() if k not in dropped_headers}
    body = {k: v for k, v in {**VALID_BODY, **body_changes}.items() if k not in dropped_fields}
    data = json.dumps(body).encode()
    return specs.SpecRequest("post", "/notificaties", sent_headers, data[:-1] if broken else data,
                             content_type=content_type)


def test_a_valid_notification_passes_the_quick_check():
    check = specs.quick_check(SERVICE, "post", "/notificaties")
    assert check is not None
    assert check.passes(request({}, [], {}, [], "application/json", False))


def test_operations_with_other_than_header_parameters_have_no_quick_check():
    assert specs.quick_check(SERVICE, "get", "/notificaties") is None
    assert specs.quick_check(SERVICE, "post", "/niet-bestaand") is None


@settings(max_examples=300, deadline=None)
@given(
    headers, st.lists(st.sampled_from(list(VALID_HEADERS)), max_size=2), bodies,
    st.lists(st.sampled_from(list(VALID_BODY)), max_size=2),
    st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain", ""]), st.booleans(),
)
def test_what_passes_the_quick_check_openapi_core_accepts(header_changes, dropped_headers, body_changes,
                                                          dropped_fields, content_type, broken):
    sent = request(header_changes, dropped_headers, body_changes, dropped_fields, content_type, broken)
    if specs.quick_check(SERVICE, "post", "/notificaties").passes(sent):
        assert list(specs.openapi(SERVICE).iter_request_errors(sent)) == []
