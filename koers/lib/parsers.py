"""Request parsers for the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .text import has_null_character


class NullCharacterError(ParseError):
    default_detail = _("De invoer bevat een ongeldig teken (NUL).")


class StrictJSONParser(JSONParser):
    """JSON, refusing strings with a NUL character (no database stores it) as a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if has_null_character(data):
            raise NullCharacterError()
        return data
