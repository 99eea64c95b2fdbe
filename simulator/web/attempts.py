"""Every login attempt's outcome, one function each: the only writer of the login history.

The shared steps (``PasswordStep``, ``CodeStep``, ``EnrolmentStep``) call these and no
portal does, so what a portal shows in « Connexions récentes » and what a trainer will
read in a trainee's records come from one place: to record an attempt somewhere else as
well, add one line to the function of its outcome.
"""

from __future__ import annotations

from flask import request

from ..services import logins
from ..store import Account
from .context import ctx


def _history(account: Account, *, success: bool, second_factor: str | None, reason: str) -> None:
    logins.record(
        ctx(),
        account,
        success=success,
        second_factor=second_factor,
        reason=reason,
        user_agent=request.user_agent.string,
    )


def signed_in(account: Account, *, second_factor: str | None, reason: str = "") -> None:
    """The login succeeded: a session is open (after the password alone, a code or a ticket)."""
    _history(account, success=True, second_factor=second_factor, reason=reason)


def password_refused(account: Account | None, *, portal: str, in_history: bool) -> None:
    """A wrong password (or an unknown identifier, ``account`` None). Only OneGov lists
    refused passwords among « Connexions récentes » (``in_history``)."""
    if account is not None and in_history:
        _history(account, success=False, second_factor=None, reason="mot de passe refusé")


def code_refused(account: Account, *, second_factor: str, reason: str | None) -> None:
    """A second-factor code refused; ``reason`` None for what the history does not keep
    (a malformed code, a locked account)."""
    if reason is not None:
        _history(account, success=False, second_factor=second_factor, reason=reason)


def service_refused(account: Account, *, reason: str) -> None:
    """The password was right but the service asked for more (Cerbère and the PIAG)."""
    _history(account, success=False, second_factor=None, reason=reason)


def abandoned(account: Account, *, second_factor: str, reason: str) -> None:
    """The trainee left the code step: the pending login is void (PIGP, seed 000 §2)."""
    _history(account, success=False, second_factor=second_factor, reason=reason)


def enrolled(account: Account, *, portal: str) -> None:
    """A new factor confirmed by its first code (an authenticator, a number, an address). Not
    a login: the login history does not list it (the factor's owner is told by mail,
    ``services.factors``)."""


def enrolment_refused(account: Account, *, portal: str, outcome: str) -> None:
    """The first code of a new factor refused (counted by the second-factor lockout)."""
