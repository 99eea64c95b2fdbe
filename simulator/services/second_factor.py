"""Checking a typed second-factor code.

The three ways a code is checked (a code sent for a request, an authenticator factor, a
recovery code) each apply the lockout in their own service; this module only picks the
right one and names a refusal by the domain's history rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from ..domain import codes, mistakes, second_factor, totp
from ..store import Account, AuthenticatorEntry, Factor
from . import challenges, factors, passwords, records
from .context import SandboxContext
from .verdicts import Verdict


@dataclass(frozen=True)
class Method:
    """How one code screen checks what is typed; ``history`` names it in the login history.

    ``check`` is given the request the flow keeps (``request_id``, None when it keeps none)
    and the typed text."""

    history: str  # second_factor column: "email", "sms", "totp", "recovery"
    kind: second_factor.CodeKind
    check: Callable[[SandboxContext, Account, str | None, str | None], Verdict]
    ready: Callable[[Account], bool] = lambda _account: True


def sent_code(history: str) -> Method:
    """The code sent by e-mail or SMS for the request the flow keeps in ``request_id``."""
    return Method(
        history,
        second_factor.DIGITS,
        lambda ctx, account, request_id, typed: challenges.verify(ctx, account, request_id, typed),
    )


def authenticator(factor_of: Callable[[Account], Factor | None]) -> Method:
    """The account's authenticator app, found by ``factor_of`` (None: the step is not open)."""
    return Method(
        "totp",
        second_factor.DIGITS,
        lambda ctx, account, _request_id, typed: factors.verify_totp(
            ctx, account, factor_of(account), typed
        ),
        ready=lambda account: factor_of(account) is not None,
    )


def recovery_code(portal: str) -> Method:
    return Method(
        "recovery",
        second_factor.RECOVERY,
        lambda ctx, account, _request_id, typed: factors.use_recovery_code(
            ctx, account, typed, portal=portal
        ),
    )


def attempt(
    ctx: SandboxContext,
    account: Account,
    method: Method,
    request_id: str | None,
    typed: str | None,
    *,
    step: str | None = None,
) -> Verdict:
    """Check the code; a refusal is counted by the check (the lockout), its kind of mistake
    kept in the training record (under ``step``, the method's own by default: a number being
    confirmed is the enrolment) and named in the trainee's message. The shared code step
    writes the login history (``web.attempts``), so no portal can forget to."""
    verdict = method.check(ctx, account, request_id, typed)
    outcome = mistakes.classify(verdict.outcome, _clues(ctx, account, method, verdict, typed))
    records.attempt(ctx, account.portal, step or method.history, outcome)
    told = mistakes.tell(outcome, method.history)
    if told is not None:
        verdict = dataclasses.replace(verdict, told=told)
    return verdict


_MAY_BE_ANOTHER_CODE = {"wrong", "totp_wrong", "voided", "other_request"}


def _clues(
    ctx: SandboxContext, account: Account, method: Method, verdict: Verdict, typed: str | None
) -> mistakes.Clues:
    """Whether a refused text was the password, or another account's code in the app.

    Only refusals are looked at, and only what each clue needs: the password when the text
    is no code at all, the authenticator's other entries when it is six digits.
    """
    if verdict.ok or verdict.outcome == "locked" or not typed or len(typed) > 200:
        return mistakes.Clues()
    if codes.normalize(typed) is None:
        return mistakes.Clues(is_password=_is_password(ctx, account, typed, method.kind.maxlength))
    if verdict.outcome not in _MAY_BE_ANOTHER_CODE:
        return mistakes.Clues()
    own = {f.secret for f in account.factors if f.secret}
    entries = ctx.db.scalars(
        select(AuthenticatorEntry.secret).where(AuthenticatorEntry.sandbox_id == ctx.sandbox.id)
    )
    other = any(
        totp.verify(secret, typed, ctx.wall_now(), None).outcome is totp.TotpCheck.OK
        for secret in entries
        if secret not in own
    )
    return mistakes.Clues(other_entry=other)


def _is_password(ctx: SandboxContext, account: Account, typed: str, maxlength: int) -> bool:
    if not account.password_changed:  # the generated one: the persona knows it
        generated = ctx.persona.accounts.get(account.portal)
        return generated is not None and mistakes.looks_like_password(
            typed, generated.password, maxlength
        )
    return passwords.verify(account.password_hash, typed.strip())


def history_reason(label: str, verdict: Verdict) -> str | None:
    """The login history's line for a refused code (None: not recorded)."""
    return None if verdict.ok else second_factor.failure_reason(label, verdict.outcome)
