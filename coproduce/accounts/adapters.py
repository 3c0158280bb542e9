"""Allauth adapters: invitation only, plain words, audited sign-in and sign-out.

Accounts exist only by invitation. Emails allauth writes are sent by a background task
after the request's transaction commits. Signing in, signing out and ending other
sessions each leave an audit entry, written here rather than from signals.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.sign_in import actions
from coproduce.accounts.sign_in.tasks import send_account_email

SERVICE_NAME = "Coproduce"


def _organisation_for(user: AbstractBaseUser) -> Any:
    from coproduce.accounts.queries import organisations_for_user

    return organisations_for_user(user).first()  # type: ignore[arg-type]


def _current_organisation(request: HttpRequest) -> Any:
    organisation = getattr(request, "organisation", None)
    return organisation if organisation else None


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "The email address or password is not right. Check them and try again."
        ),
        "enter_current_password": _("Enter your password now"),
        "incorrect_code": _("The code is not right. Check the code and try again."),
        "incorrect_password": _("The password is not right. Check it and try again."),
        "invalid_login": _("Enter your email address"),
        "invalid_password_reset": _(
            "This link to reset your password does not work any more. Ask for a new one."
        ),
        "too_many_login_attempts": _(
            "You have tried too many times. Wait 5 minutes, then try again. "
            "Or get a code by email: you do not need a password for that."
        ),
        "rate_limited": _("You have asked too many times. Wait a few minutes, then try again."),
        "account_inactive": _("This account is closed. Ask your organisation to open it again."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    # Wrong passwords stop guessing without locking the real person out:
    # - they count per account *and* address together (allauth's "key" limit), so guesses
    #   from elsewhere never lock Ruth out at home, and a house sharing one address is not
    #   locked out because one resident mistyped;
    # - a looser limit per account across every address ("login_failed_account") stops
    #   guessing spread over many addresses;
    # - signing in by emailed code is never counted here, so it keeps working while the
    #   password is locked.
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed_account",
            key=super()._get_login_attempts_cache_key(request, **credentials),
        )
        if not self._account_failed_rl_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        actions.sign_in_failed_record(email=credentials.get("email", ""))

    def _rollback_login_failed_rl_usage(self) -> None:
        """On a right password, give back what this attempt counted, in both limits."""
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_failed_rl_usage", None)
        if usage:
            usage.rollback()

    def login(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        super().login(request, user)
        actions.sign_in_record(
            user=user,  # type: ignore[arg-type]
            organisation=_organisation_for(user),
            records=get_authentication_records(request, user),
        )

    def logout(self, request: HttpRequest) -> None:
        user = request.user
        if user.is_authenticated:
            actions.sign_out_record(
                user=user,  # type: ignore[arg-type]
                organisation=_current_organisation(request),
            )
        super().logout(request)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Count a sign-in within the last few minutes as a fresh confirmation.

        A member asked to set up a second factor straight after signing in is not made to
        type their password a second time.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        user = getattr(request, "user", None)
        if request is None or user is None or not user.is_authenticated:
            return True
        records = get_authentication_records(request, user)
        if not records:
            return True
        latest = max(record.get("at", 0) for record in records)
        return time.time() - latest >= account_settings.REAUTHENTICATION_TIMEOUT

    def send_mail(self, template_prefix: str, email: str, ctx: dict[str, Any]) -> None:  # type: ignore[override]
        """Render the email now and send it from a task once the transaction commits."""
        # Allauth sends some notices from on-commit callbacks; the adapter kept the request.
        request = context.request or self.request
        message_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "service_name": SERVICE_NAME,
        }
        message_context.update(ctx)
        message = self.render_mail(template_prefix, email, message_context)
        html_body = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = str(content)
        transaction.on_commit(
            partial(
                send_account_email.enqueue,
                subject=str(message.subject),
                body=str(message.body),
                html_body=html_body,
                from_email=str(message.from_email),
                to=list(message.to),
            )
        )


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("The code is not right. Check the code and try again."),
        "cannot_delete_authenticator": _("You cannot turn off your second factor."),
        "cannot_generate_recovery_codes": _(
            "Set up an authenticator app or a passkey before you make recovery codes."
        ),
        "unverified_email": _("Confirm your email address before you set up a second factor."),
    }

    def generate_authenticator_name(self, user: AbstractBaseUser, authenticator_type: Any) -> str:
        from allauth.mfa.models import Authenticator

        count = Authenticator.objects.filter(user_id=user.pk, type=authenticator_type).count()
        return str(_("Key %(number)s") % {"number": count + 1})

    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        entity = super().get_public_key_credential_rp_entity()
        entity["name"] = SERVICE_NAME
        return entity


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    def end_sessions(self, sessions: Any) -> None:
        request = context.request
        user = request.user
        sessions = list(sessions)
        if not user.is_authenticated:
            super().end_sessions(sessions)
            return
        actions.user_sessions_end(
            user=user,  # type: ignore[arg-type]
            organisation=_current_organisation(request),
            sessions=sessions,
        )
