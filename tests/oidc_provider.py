"""A small OpenID Connect provider run on loopback by a test: it publishes its configuration and keys,
issues a code per sign-in and answers the token and userinfo requests that Koers really sends over
HTTP (PKCE and the client's credentials checked). ID tokens are signed with its own RSA key (RS256,
published as a JWKS) or, for a client configured so, with the client secret (HS256)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_ID = "test-provider-1"


def pkce_challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


class OidcProvider:
    def __init__(self, client_id: str, client_secret: str, algorithm: str = "RS256") -> None:
        self.client_id, self.client_secret, self.algorithm = client_id, client_secret, algorithm
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if algorithm == "RS256" else None
        self.grants: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.audience = client_id
        self.nonce_override: str | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def configuration(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
        }

    def jwks(self) -> dict:
        if self.key is None:
            return {"keys": []}
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [public | {"kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def sign_in(self, authorize_url: str, claims: dict) -> str:
        """What the provider does once the user signed in there: a code for Koers's callback."""
        code = secrets.token_urlsafe(16)
        self.grants[code] = {"query": query_of(authorize_url), "claims": claims}
        return code

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.audience, "sub": grant["claims"].get("sub", "onbekend"), "iat": now,
                  "exp": now + 300, "nonce": self.nonce_override or grant["query"]["nonce"]}
        if self.key is None:
            return jwt.encode(claims, self.client_secret, algorithm="HS256")
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KEY_ID})

    def token(self, form: dict[str, str]) -> dict | None:
        grant = self.grants.pop(form.get("code", ""), None)
        if (
            grant is None
            or (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.client_secret)
            or form.get("redirect_uri") != grant["query"]["redirect_uri"]
            or pkce_challenge(form.get("code_verifier", "")) != grant["query"]["code_challenge"]
        ):
            return None
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = grant["claims"]
        return {"access_token": access_token, "id_token": self.id_token(grant), "token_type": "Bearer"}

    def handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    self.answer(200, provider.configuration())
                elif self.path == "/jwks":
                    self.answer(200, provider.jwks())
                elif self.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token in provider.tokens:
                        self.answer(200, provider.tokens[token])
                    else:
                        self.answer(401, {"error": "invalid_token"})
                else:
                    self.answer(404, {})

            def do_POST(self) -> None:
                form = query_of("?" + self.rfile.read(int(self.headers["Content-Length"])).decode())
                answer = provider.token(form) if self.path == "/token" else None
                if answer is None:
                    self.answer(400, {"error": "invalid_grant"})
                else:
                    self.answer(200, answer)

        return Handler


@contextmanager
def running(provider: OidcProvider) -> Iterator[OidcProvider]:
    thread = threading.Thread(target=provider.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        provider.server.shutdown()
        provider.server.server_close()
