from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koers.access.constants import Role

from .models import TwoFactorPolicy
from .policy import default_required_roles


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zescijferige code uit je authenticator-app, of een van je herstelcodes."),
        widget=forms.TextInput(
            attrs={
                "class": "form-input",
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=20,
        help_text=_("Zes cijfers."),
        widget=forms.TextInput(
            attrs={"class": "form-input", "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class StyledPasswordChangeForm(PasswordChangeForm):
    """Django's password change (the validators of AUTH_PASSWORD_VALIDATORS), with Koers's inputs."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-input"
        self.fields["new_password1"].help_text = ""


class LockedOutForm(AuthenticationForm):
    """The login form while the username or address is locked out: the password is not even checked."""

    def __init__(self, request, message: str, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.message = message

    def clean(self) -> dict:
        raise ValidationError(self.message, code="locked")


class TwoFactorPolicyForm(forms.ModelForm):
    """The roles of one municipality that must log in with a second factor."""

    required_roles = forms.MultipleChoiceField(
        label=_("Rollen die zich met een tweede stap moeten aanmelden"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TwoFactorPolicy
        fields = ["required_roles"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial["required_roles"] = sorted(default_required_roles())
