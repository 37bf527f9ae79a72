"""Password rules beyond Django's own validators."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with a message that Django's Dutch catalogue lacks since 5.2."""

    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(count)d teken hebben.",
            "Dit wachtwoord is te kort. Het moet minstens %(count)d tekens hebben.",
            self.min_length,
        ) % {"count": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Je wachtwoord moet minstens %(count)d teken hebben.",
            "Je wachtwoord moet minstens %(count)d tekens hebben.",
            self.min_length,
        ) % {"count": self.min_length}

    def validate(self, password: str, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")
