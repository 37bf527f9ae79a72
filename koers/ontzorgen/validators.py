"""Account numbers checked with python-stdnum: the IBAN's check digits and its country's format,
and the structure of a BIC."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum import bic, iban
from stdnum.exceptions import ValidationError as StdnumError


def compact_iban(value: str) -> str:
    return iban.compact(value)


def _check(validate: Callable[[str], object], value: str, message: str | Promise, code: str) -> None:
    """Run python-stdnum's ``validate`` on ``value``; its refusal becomes a Dutch ``ValidationError``."""
    try:
        validate(value)
    except StdnumError:
        raise ValidationError(message, code=code) from None


def validate_iban(value: str) -> None:
    _check(iban.validate, value,
           _("Dit is geen geldig IBAN. Controleer het rekeningnummer, bijvoorbeeld NL91 ABNA 0417 1643 00."),
           "invalid_iban")


def validate_bic(value: str) -> None:
    _check(bic.validate, value, _("Dit is geen geldige BIC. Een BIC heeft 8 of 11 tekens, bijvoorbeeld ABNANL2A."),
           "invalid_bic")


def synthetic_iban(country: str, bban: str) -> str:
    """An IBAN with valid check digits for a made-up basic account number (demo and tests only)."""
    return country + iban.calc_check_digits(country + "00" + bban) + bban
