"""Calling a WSGI application (the DUO simulator, or Koers itself) through ``requests``, in-process:
used by the benchmark and the tests to run the whole chain without sockets."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict


@contextmanager
def database_connection_kept() -> Iterator[None]:
    """Keeps Django from closing the database connection at the start and end of an in-process
    request, as Django's test client does: the caller's connection (and its open transaction) is the
    one the called application uses."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


class WsgiAdapter(BaseAdapter):
    def __init__(self, app: Callable) -> None:
        super().__init__()
        self.app = app

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        url = urlsplit(request.url)
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        environ = {
            "REQUEST_METHOD": request.method, "PATH_INFO": url.path, "QUERY_STRING": url.query,
            "SERVER_NAME": url.hostname or "testserver", "SERVER_PORT": str(url.port or 80),
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": url.scheme,
            "wsgi.errors": io.StringIO(), "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": request.headers.get("Content-Type", ""),
        }
        for name, value in request.headers.items():
            if name.lower() not in ("content-type", "content-length"):
                environ["HTTP_" + name.upper().replace("-", "_")] = value
        captured = {}

        def start_response(status: str, headers: list, exc_info=None) -> None:
            captured["status"], captured["headers"] = status, headers

        with database_connection_kept():
            chunks = self.app(environ, start_response)
            content = b"".join(chunks)
            if hasattr(chunks, "close"):
                chunks.close()
        response = requests.Response()
        response.status_code = int(captured["status"].split()[0])
        response.headers = CaseInsensitiveDict(captured["headers"])
        response._content = content
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        return None


def session_for(app: Callable) -> requests.Session:
    session = requests.Session()
    adapter = WsgiAdapter(app)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
