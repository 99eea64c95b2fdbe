"""Checking a typed second-factor code.

The three ways a code is checked (a code sent for a request, an authenticator factor, a
recovery code) each apply the lockout in their own service; this module only picks the
right one and names a refusal by the domain's history rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain import second_factor
from ..store import Account, Factor
from . import challenges, factors
from .context import SandboxContext
from .verdicts import Verdict


@dataclass(frozen=True)
class Method:
    """How one code screen checks what is typed; ``history`` names it in the login history."""

    history: str  # second_factor column: "email", "sms", "totp", "recovery"
    kind: second_factor.CodeKind
    check: Callable[[SandboxContext, Account, dict, str | None], Verdict]
    ready: Callable[[Account], bool] = lambda _account: True


def sent_code(history: str) -> Method:
    """The code sent by e-mail or SMS for the request the flow keeps in ``request_id``."""
    return Method(
        history,
        second_factor.DIGITS,
        lambda ctx, account, data, typed: challenges.verify(
            ctx, account, data["request_id"], typed
        ),
    )


def authenticator(factor_of: Callable[[Account], Factor | None]) -> Method:
    """The account's authenticator app, found by ``factor_of`` (None: the step is not open)."""
    return Method(
        "totp",
        second_factor.DIGITS,
        lambda ctx, account, data, typed: factors.verify_totp(
            ctx, account, factor_of(account), typed
        ),
        ready=lambda account: factor_of(account) is not None,
    )


def recovery_code(portal: str) -> Method:
    return Method(
        "recovery",
        second_factor.RECOVERY,
        lambda ctx, account, data, typed: factors.use_recovery_code(
            ctx, account, typed, portal=portal
        ),
    )


def attempt(
    ctx: SandboxContext, account: Account, method: Method, data: dict, typed: str | None
) -> Verdict:
    """Check the code; a refusal is counted by the check (the lockout). The shared code step
    records the attempt (``web.attempts``), so no portal can forget to."""
    return method.check(ctx, account, data, typed)


def history_reason(label: str, verdict: Verdict) -> str | None:
    """The login history's line for a refused code (None: not recorded)."""
    return None if verdict.ok else second_factor.failure_reason(label, verdict.outcome)
