"""The settings come from the environment: production refuses to start without a secret key, every
secret comes from the environment and none is written in the code, and every secure default holds
unless the environment asks otherwise. Each case imports the settings
afresh in a separate Python process, with only the variables it names."""

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from koers import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG, "SECRET_KEY": s.SECRET_KEY, "HSTS": s.SECURE_HSTS_SECONDS,
    "SESSION_SECURE": s.SESSION_COOKIE_SECURE, "CSRF_SECURE": s.CSRF_COOKIE_SECURE,
    "BACKENDS": s.AUTHENTICATION_BACKENDS, "DB": s.DATABASES["default"]["NAME"],
    "DB_OPTIONS": s.DATABASES["default"].get("OPTIONS", {}),
    "DB_USER": s.DATABASES["default"].get("USER", ""), "DB_PASSWORD": s.DATABASES["default"].get("PASSWORD", ""),
    "OIDC_SECRET": getattr(s, "OIDC_RP_CLIENT_SECRET", None), "OIDC_CREATE": getattr(s, "OIDC_CREATE_USER", None),
    "IDLE": s.SESSION_COOKIE_AGE, "ABSOLUTE": s.KOERS_SESSION_ABSOLUTE_SECONDS,
    "LOCK": [s.KOERS_LOGIN_MAX_FAILURES, s.KOERS_LOGIN_FAILURE_WINDOW_SECONDS, s.KOERS_LOGIN_LOCKOUT_SECONDS],
}))
"""
OIDC = {
    "KOERS_OIDC_CLIENT_ID": "koers",
    "KOERS_OIDC_CLIENT_SECRET": "geheim-uit-de-omgeving",
    "KOERS_OIDC_AUTHORIZATION_ENDPOINT": "https://login.example.nl/authorize",
    "KOERS_OIDC_TOKEN_ENDPOINT": "https://login.example.nl/token",
    "KOERS_OIDC_USERINFO_ENDPOINT": "https://login.example.nl/userinfo",
}


def load(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KOERS_", "DATABASE_URL", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(**env: str) -> dict:
    result = load(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    result = load()
    assert result.returncode != 0
    assert "Set KOERS_SECRET_KEY" in result.stderr


def test_production_defaults_are_secure():
    values = settings_with(KOERS_SECRET_KEY="uit-de-omgeving")
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == "uit-de-omgeving"
    assert values["HSTS"] == 365 * 24 * 60 * 60
    assert values["SESSION_SECURE"] is True
    assert values["CSRF_SECURE"] is True
    assert values["BACKENDS"] == ["django.contrib.auth.backends.ModelBackend"]
    assert values["IDLE"] == 15 * 60
    assert values["ABSOLUTE"] == 10 * 60 * 60
    assert values["LOCK"] == [5, 15 * 60, 15 * 60]


def test_timeouts_and_lockout_come_from_the_environment():
    values = settings_with(
        KOERS_SECRET_KEY="x",
        KOERS_SESSION_SECONDS="1800",
        KOERS_SESSION_ABSOLUTE_SECONDS="3600",
        KOERS_LOGIN_MAX_FAILURES="3",
        KOERS_LOGIN_FAILURE_WINDOW_SECONDS="600",
        KOERS_LOGIN_LOCKOUT_SECONDS="1200",
    )
    assert (values["IDLE"], values["ABSOLUTE"], values["LOCK"]) == (1800, 3600, [3, 600, 1200])


def test_database_credentials_come_from_the_environment():
    values = settings_with(
        KOERS_SECRET_KEY="x", DATABASE_URL="postgres://koers:db-geheim@db.intern:5432/koers"
    )
    assert (values["DB"], values["DB_USER"], values["DB_PASSWORD"]) == ("koers", "koers", "db-geheim")


def test_single_sign_on_is_off_unless_configured_and_then_never_creates_users():
    assert settings_with(KOERS_SECRET_KEY="x")["OIDC_SECRET"] is None
    values = settings_with(KOERS_SECRET_KEY="x", **OIDC)
    assert values["BACKENDS"][-1] == "koers.security.oidc.ClaimMatchingBackend"
    assert values["OIDC_SECRET"] == "geheim-uit-de-omgeving"
    assert values["OIDC_CREATE"] is False


def test_a_half_configured_single_sign_on_refuses_to_start():
    partial = {k: v for k, v in OIDC.items() if k != "KOERS_OIDC_TOKEN_ENDPOINT"}
    result = load(KOERS_SECRET_KEY="x", **partial)
    assert result.returncode != 0
    assert "KOERS_OIDC_TOKEN_ENDPOINT" in result.stderr


SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE")
SECRETS_PROBE = """
import json
from koers import settings as s
print(json.dumps({n: getattr(s, n) for n in dir(s) if n.isupper() and isinstance(getattr(s, n), str)}))
"""
SENTINELS = {
    "KOERS_SECRET_KEY": "geheim-sleutel",
    "KOERS_OIDC_CLIENT_SECRET": "geheim-oidc",
    "KOERS_PORTAAL_OIDC_CLIENT_SECRET": "geheim-digid",
    "KOERS_EMAIL_HOST_PASSWORD": "geheim-smtp",
}
# String literals that look like secrets but are none: the development key (refused outside
# KOERS_DEBUG/KOERS_DEMO) and the token the DUO benchmark gives its own in-process run.
NOT_SECRETS = {("koers/settings.py", "SECRET_KEY"), ("koers/duo/bench.py", "TOKEN")}


def secret_settings(**env: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KOERS_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", SECRETS_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60,
        check=False, env={**clean, **env},
    )
    assert result.returncode == 0, result.stderr
    return {name: value for name, value in json.loads(result.stdout).items() if SECRET_NAME.search(name)}


def test_every_secret_setting_comes_from_the_environment():
    environment = {**OIDC, **SENTINELS}
    values = set(secret_settings(**environment).values()) - {""}
    assert set(SENTINELS.values()) <= values <= set(environment.values())
    assert set(secret_settings(KOERS_SECRET_KEY="x").values()) - {""} == {"x"}


def literal_assignments(path: Path) -> Iterator[tuple[str, str]]:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign):
            targets = node.targets
        else:
            targets = [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
            for target in targets:
                name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
                yield name, value.value


def test_no_secret_is_written_in_the_code():
    found = [
        (str(path.relative_to(ROOT)), name)
        for path in (ROOT / "koers").rglob("*.py")
        if "migrations" not in path.parts
        for name, _ in literal_assignments(path)
        if SECRET_NAME.search(name.upper())
    ]
    assert set(found) <= NOT_SECRETS, set(found) - NOT_SECRETS


POSTGRES = "postgres://koers@db.intern:5432/koers"


def test_postgresql_prepares_a_query_run_five_times():
    options = settings_with(KOERS_SECRET_KEY="x", DATABASE_URL=POSTGRES)["DB_OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 5}


def test_options_in_the_database_url_are_kept_beside_prepared_statements():
    url = f"{POSTGRES}?sslmode=require&prepare_threshold=10"
    options = settings_with(KOERS_SECRET_KEY="x", DATABASE_URL=url)["DB_OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 10, "sslmode": "require"}


def test_a_pooler_can_turn_prepared_statements_off():
    options = settings_with(KOERS_SECRET_KEY="x", DATABASE_URL=POSTGRES, KOERS_DB_PREPARED="false")["DB_OPTIONS"]
    assert options == {}


def test_sqlite_has_no_prepared_statements_to_turn_on():
    options = settings_with(KOERS_SECRET_KEY="x", DATABASE_URL="sqlite:////tmp/koers-probe.sqlite3")["DB_OPTIONS"]
    assert "server_side_binding" not in options
