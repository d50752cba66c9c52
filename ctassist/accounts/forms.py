"""The sign-in form: Django's, with a bound on the password's length, so that a 2 MB
"password" is refused before it is hashed (each attempt would cost seconds of a worker)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

PASSWORD_MAX_LENGTH = 1024


class SignInForm(AuthenticationForm):
    password = forms.CharField(
        strip=False, max_length=PASSWORD_MAX_LENGTH, widget=forms.PasswordInput
    )


class MaximumLengthValidator:
    """A password validator (settings.AUTH_PASSWORD_VALIDATORS): at most 1,024 characters."""

    def __init__(self, max_length: int = PASSWORD_MAX_LENGTH) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(self.get_help_text(), code="password_too_long")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password can have at most %(max)d character.",
            "Your password can have at most %(max)d characters.",
            self.max_length,
        ) % {"max": self.max_length}
