from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn

from .constants import LANGUAGES


def validate_bsn(value: str) -> None:
    """A BSN has nine digits and passes the elfproef (checked by python-stdnum)."""
    try:
        stdnum_bsn.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef."),
            code="invalid_bsn",
        ) from None


def normalise_bsn(value: str) -> str:
    return stdnum_bsn.compact(value or "")


def validate_languages(value: list[str]) -> None:
    if not isinstance(value, list) or any(code not in LANGUAGES for code in value):
        raise ValidationError(_("Onbekende taalcode."), code="invalid_language")
