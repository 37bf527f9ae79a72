"""The portal's own languages. The staff screens speak Dutch and English (settings.LANGUAGES); the
portal also speaks Arabic, Tigrinya and Turkish. The portal activates its language itself, from the
choice kept in the session or else the person's preferred language, so that settings.LANGUAGES stays
as it is. Django knows no Tigrinya, so names and writing direction are kept here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


@dataclass(frozen=True)
class PortalLanguage:
    code: str
    name: str  # in the language itself
    rtl: bool = False


LANGUAGES = (
    PortalLanguage("nl", "Nederlands"),
    PortalLanguage("en", "English"),
    PortalLanguage("ar", "العربية", rtl=True),
    PortalLanguage("ti", "ትግርኛ"),
    PortalLanguage("tr", "Türkçe"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT = "nl"
SESSION_KEY = "portaal_language"


def served_language_codes() -> list[str]:
    """Every language Koers speaks: the staff screens' and the portal's."""
    return sorted({code for code, _ in settings.LANGUAGES} | set(BY_CODE))


def preferred_language(spoken: list[str]) -> str:
    """The first of the person's languages the portal speaks, else Dutch."""
    return next((code for code in spoken if code in BY_CODE), DEFAULT)


def language_of(request: HttpRequest) -> PortalLanguage:
    return BY_CODE.get(request.session.get(SESSION_KEY, ""), BY_CODE[DEFAULT])


def choose_language(request: HttpRequest, code: str) -> bool:
    if code not in BY_CODE:
        return False
    request.session[SESSION_KEY] = code
    return True


def in_portal_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Runs the view (and renders its page) in the portal language of this session."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        language = language_of(request)
        with translation.override(language.code):
            request.LANGUAGE_CODE = language.code
            request.portal_language = language
            response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language.code
        return response

    return wrapped
