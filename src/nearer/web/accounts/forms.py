"""Sign-up, log-in and settings forms. Labels are explicit so every input is announced."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from nearer.web.accounts.models import User
from nearer.web.support import countries
from nearer.web.timezones import zone_names


def _country_choices() -> list[tuple[str, str]]:
    return countries()


def _signup_country_choices() -> list[tuple[str, str]]:
    # A blank first choice: nobody is given the first country in the list by default.
    return [("", "Choose your country"), *countries()]


class SignUpForm(forms.ModelForm[User]):
    password1 = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not only digits, not a common password.",
    )
    password2 = forms.CharField(
        label="Password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    country = forms.ChoiceField(
        label="Country (for the right help lines)",
        choices=_signup_country_choices,
        error_messages={
            "required": "Choose your country, so nearer shows help lines that work there."
        },
    )

    # Filled in by the browser (timezone.js reads it from the device); blank without script,
    # and the site's zone applies until the person picks theirs in settings.
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    class Meta:
        model = User
        fields = ("display_name", "email", "country", "time_zone")
        labels = {"display_name": "Your first name (what your partner sees)"}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "display_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        }

    def clean_time_zone(self) -> str:
        # A zone the server does not know (an old browser, a hand-made request) is not an
        # error the person could fix on this form: the site's zone applies instead.
        raw = str(self.cleaned_data.get("time_zone") or "").strip()
        return raw if raw in zone_names() else ""

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Log in, or reset your password."
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", "The two passwords differ. Type the same one twice.")
        elif one:
            probe = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(one, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    error_messages = {
        "invalid_login": "Email or password is wrong. Check both, or reset your password.",
        "inactive": "This account is switched off. Ask the person who runs this app.",
    }


class SettingsForm(forms.ModelForm[User]):
    country = forms.ChoiceField(
        label="Country (for the right help lines)", choices=_country_choices
    )

    class Meta:
        model = User
        fields = ("display_name", "country", "share_daily_detail")
        labels = {"display_name": "Your first name (what your partner sees)"}
        help_texts = {
            "share_daily_detail": "Off by default: your partner sees your appreciations and a "
            "weekly summary, not each day's score. Your private notes are never shared."
        }


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone, so it asks for the password again."""

    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your current password to confirm."},
    )


class ChangePasswordForm(forms.Form):
    """The current password (checked like a log-in, so guesses are throttled) and a new one
    typed twice, held to the same rules as at sign-up."""

    current_password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your current password."},
    )
    new_password1 = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not only digits, not a common password.",
        error_messages={"required": "Type a new password."},
    )
    new_password2 = forms.CharField(
        label="New password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the new password a second time."},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", "The two passwords differ. Type the same one twice.")
        elif one:
            try:
                password_validation.validate_password(one, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Export file",
        help_text="The zip from “Download all my data” in another nearer (or its JSON file).",
    )
    apply = forms.BooleanField(
        label="Add it to my account (leave unticked to see first what would be added)",
        required=False,
    )
