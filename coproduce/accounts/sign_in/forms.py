"""Allauth's sign-in forms with plain labels, hints and error messages.

The fields and their checks stay allauth's; only the words change, and email fields
become real ``type="email"`` inputs so ``{{ field(form.x) }}`` renders the right
GOV.UK component.
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the right format, like name@example.com"),
}
PASSWORD_HINT = _("Use at least 10 characters. Do not use a common password or only numbers.")


def _email(field: forms.Field, label: Any = None, hint: Any = "") -> None:
    field.label = label or _("Email address")
    field.help_text = hint
    field.widget = forms.EmailInput(attrs={"autocomplete": "email"})
    field.error_messages.update(EMAIL_ERRORS)


def _password(
    field: forms.Field, label: Any, *, autocomplete: str, hint: Any = "", required: Any = ""
) -> None:
    field.label = label
    field.help_text = hint
    field.widget.attrs = {"autocomplete": autocomplete}
    field.error_messages["required"] = required or _("Enter your password")


def _code(field: forms.Field, label: Any, hint: Any, required: Any) -> None:
    field.label = label
    field.help_text = hint
    field.widget.attrs = {"autocomplete": "one-time-code"}
    field.error_messages["required"] = required


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self.fields["login"])
        _password(self.fields["password"], _("Password"), autocomplete="current-password")

    def clean(self) -> dict[str, Any]:
        # Show "not right" and "too many tries" beside the password, where the error
        # summary can link to, rather than as an error of the whole form.
        try:
            return super().clean()
        except forms.ValidationError as error:
            self.add_error("password", error)
            return self.cleaned_data


class RequestLoginCodeForm(account_forms.RequestLoginCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self.fields["email"], hint=_("We will send a code to this address."))


class ConfirmLoginCodeForm(account_forms.ConfirmLoginCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(
            self.fields["code"],
            _("Code"),
            _("The code is 6 numbers. It works for 10 minutes."),
            _("Enter the code we sent to your email"),
        )


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self.fields["email"])


class ResetPasswordKeyForm(account_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(
            self.fields["password1"],
            _("New password"),
            autocomplete="new-password",
            hint=PASSWORD_HINT,
            required=_("Enter a new password"),
        )
        _password(
            self.fields["password2"],
            _("Type the new password again"),
            autocomplete="new-password",
            required=_("Type the new password again"),
        )


class ChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(
            self.fields["oldpassword"],
            _("Your password now"),
            autocomplete="current-password",
            required=_("Enter your password now"),
        )
        _password(
            self.fields["password1"],
            _("New password"),
            autocomplete="new-password",
            hint=PASSWORD_HINT,
            required=_("Enter a new password"),
        )
        _password(
            self.fields["password2"],
            _("Type the new password again"),
            autocomplete="new-password",
            required=_("Type the new password again"),
        )


class SetPasswordForm(account_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(
            self.fields["password1"],
            _("Password"),
            autocomplete="new-password",
            hint=PASSWORD_HINT,
            required=_("Enter a password"),
        )
        _password(
            self.fields["password2"],
            _("Type the password again"),
            autocomplete="new-password",
            required=_("Type the password again"),
        )


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(self.fields["password"], _("Password"), autocomplete="current-password")


class AuthenticateForm(mfa_base_forms.AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(
            self.fields["code"],
            _("Code"),
            _("The 6 numbers your authenticator app shows now, or one of your recovery codes."),
            _("Enter the code from your authenticator app"),
        )


class MFAReauthenticateForm(mfa_base_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(
            self.fields["code"],
            _("Code"),
            _("The 6 numbers your authenticator app shows now, or one of your recovery codes."),
            _("Enter the code from your authenticator app"),
        )


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(
            self.fields["code"],
            _("Code from the app"),
            _("The 6 numbers the app shows now."),
            _("Enter the 6 numbers your authenticator app shows"),
        )


class AddWebAuthnForm(webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name for this key")
        self.fields["name"].help_text = _("For example: my phone, or my work laptop.")
        if "passwordless" in self.fields:
            # Most phones and computers can; a passkey is the easiest way to sign in.
            self.fields["passwordless"].initial = True
            self.fields["passwordless"].label = _(
                "Use it as a passkey, to sign in without a password"
            )
            self.fields["passwordless"].help_text = _(
                "Your device will ask for your fingerprint, face or PIN each time."
            )


class EditWebAuthnForm(webauthn_forms.EditWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name for this key")
        self.fields["name"].error_messages["required"] = _("Enter a name for this key")


class AddEmailForm(account_forms.AddEmailForm):
    """Refuse every new address: a member's email address comes from their invitation.

    A second address would be a second way in (a code sent to it signs in), added
    without the organisation knowing.
    """

    def clean_email(self) -> str:
        raise forms.ValidationError(
            _("Ask your organisation to change your email address."), code="closed"
        )
