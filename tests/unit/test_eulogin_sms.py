"""The SMS « challenge » code of EU Login through the shared services: it outlives the
15-minute worst delay, dies after its lifetime, is voided by a resend, and wrong tries lock."""

from __future__ import annotations

import pytest

from simulator.domain import codes, outbox, phones
from simulator.services import challenges, messages, sandboxes
from simulator.services.context import SandboxContext


@pytest.fixture
def ctx(app, wall):
    db = app.extensions["sim.db"].sessions()
    with app.app_context():  # generated passwords are keyed by the app's secret
        sandbox = sandboxes.create(db, wall.now(), seed=7, hash_method="pbkdf2:sha256:1000")
        yield SandboxContext(db=db, sandbox=sandbox, wall=wall, deterministic=True)
    db.close()


def _send(ctx, request_id="req-1"):
    account = ctx.account("eulogin")
    codes_sent = []

    def build(code):
        codes_sent.append(code)
        return f"code {code}"

    challenges.send_by_sms(
        ctx,
        account,
        request_id,
        purpose="eulogin_add_phone",
        lifetime=codes.SMS_CHALLENGE_LIFETIME,
        sender="EU Login",
        phone=ctx.persona.mobile,
        build=build,
        portal="eulogin",
    )
    return account, codes_sent[0]


def test_lifetime_outlives_the_worst_delay():
    assert codes.SMS_CHALLENGE_LIFETIME > outbox.SMS_WORST_DELAY


def test_a_code_arriving_late_still_works(ctx, wall):
    ctx.sandbox.faults = {"sms_late": True}
    account, code = _send(ctx)
    message = messages.delivered(ctx, "sms")
    assert message == []
    wall.advance(outbox.SMS_WORST_DELAY)
    assert len(messages.delivered(ctx, "sms")) == 1
    assert challenges.verify(ctx, account, "req-1", code).ok


def test_code_expires_after_its_lifetime(ctx, wall):
    account, code = _send(ctx)
    wall.advance(codes.SMS_CHALLENGE_LIFETIME)
    verdict = challenges.verify(ctx, account, "req-1", code)
    assert not verdict.ok and verdict.outcome == "expired"


def test_resend_voids_the_previous_code_and_is_counted(ctx):
    account, first = _send(ctx)
    _, second = _send(ctx)
    _, third = _send(ctx)
    sent = challenges.sent_count(ctx, "req-1")
    assert sent == 3 and not phones.may_send_again(sent)
    if first not in (second, third):
        assert challenges.verify(ctx, account, "req-1", first).outcome == "voided"
    assert challenges.verify(ctx, account, "req-1", third).ok


def test_wrong_tries_lock_even_the_right_code(ctx):
    account, code = _send(ctx)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    verdicts = [challenges.verify(ctx, account, "req-1", wrong) for _ in range(5)]
    assert [v.attempts_left for v in verdicts[:4]] == [4, 3, 2, 1]
    assert verdicts[4].locked_until is not None
    assert challenges.verify(ctx, account, "req-1", code).outcome == "locked"


def test_code_of_another_request_is_refused(ctx):
    account, code = _send(ctx, "req-1")
    _send(ctx, "req-2")
    assert challenges.verify(ctx, account, "req-2", code).outcome in ("other_request", "wrong")


def test_two_sandboxes_with_the_same_request_id_do_not_share_codes(app, wall, ctx):
    """Walkthrough mode draws request ids from a seeded source, so two trainees' requests can
    share an id: counts, voiding and checks stay inside each sandbox."""
    made = sandboxes.create(ctx.db, wall.now(), seed=8, hash_method="pbkdf2:sha256:1000")
    other = SandboxContext(db=ctx.db, sandbox=made, wall=wall, deterministic=True)
    account, code = _send(ctx)
    for _ in range(3):
        _send(other)
    assert challenges.sent_count(ctx, "req-1") == 1
    assert challenges.sent_count(other, "req-1") == 3
    assert challenges.latest(ctx, "req-1").account_id == account.id
    assert challenges.verify(ctx, account, "req-1", code).ok
