import re
from pathlib import Path

import pytest

from koers.security.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "koers"
# Documents rendered to PDF by WeasyPrint (they have an @page rule), never served as a page, may style
# themselves.
PRINT_RULE = "@page"


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_every_page_has_the_security_headers(client, tenants):
    client.force_login(tenants.a.consultant)
    for path in ("/personen/", f"/personen/{tenants.a.person.pk}/", "/accounts/beveiliging/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_the_login_page_and_the_api_have_them_too(client, db):
    for path in ("/accounts/login/", "/api/v1/personen"):
        response = client.get(path)
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response["X-Frame-Options"] == "DENY"


def test_the_policy_allows_only_own_scripts_and_styles():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_no_served_template_has_inline_script_or_style():
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        name = str(path).split("/templates/", 1)[1]
        text = path.read_text()
        if PRINT_RULE in text:
            continue
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"<style\b", text):
            offenders.append(name)
        if re.search(r"\sstyle=|\son[a-z]+=|hx-on|javascript:", text):
            offenders.append(name)
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_indicator_style(client, tenants):
    client.force_login(tenants.a.consultant)
    page = client.get("/personen/").content.decode()
    assert '"includeIndicatorStyles": false' in page


def test_hsts_is_sent_over_https_when_configured(client, tenants, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    client.force_login(tenants.a.consultant)
    response = client.get("/personen/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
