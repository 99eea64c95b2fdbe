"""Karbon's recovery codes and accountant reset, through the shared services."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlalchemy import select

from simulator.domain import recovery, totp
from simulator.services import factors, sandboxes
from simulator.services.context import SandboxContext
from simulator.store import Factor, Message, RecoveryCode


@pytest.fixture
def context(app, wall):
    db = app.extensions["sim.db"].sessions()
    with app.app_context():  # generated passwords are keyed by the app's secret
        sandbox = sandboxes.create(db, wall.now(), seed=7, hash_method="pbkdf2:sha256:1000")
        yield SandboxContext(db=db, sandbox=sandbox, wall=wall, deterministic=True)
    db.close()


@pytest.fixture
def client(context):
    account = context.account("karbon")
    secret = factors.new_pending_secret(context)
    verdict, factor = factors.confirm_totp(
        context,
        account,
        secret,
        totp.code_at(secret, context.wall_now()),
        name="karbon",
        portal="karbon",
    )
    assert verdict.ok and factor is not None
    return account


def test_ten_codes_with_enough_entropy_stored_hashed(context, client):
    codes = factors.issue_recovery_codes(context, client)
    assert len(codes) == recovery.COUNT == 10 and len(set(codes)) == 10
    stored = context.db.scalars(
        select(RecoveryCode.code_hash).where(RecoveryCode.account_id == client.id)
    ).all()
    assert sorted(stored) == sorted(
        hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes
    )
    assert not set(codes) & set(stored)
    # 16 characters of a 31-letter alphabet: more than the 64 bits SECURITY.md asks for
    assert 16 * 4.95 > 64


def test_a_recovery_code_works_once_and_sends_a_notice(context, client):
    codes = factors.issue_recovery_codes(context, client)
    assert factors.use_recovery_code(context, client, codes[3], portal="karbon").ok
    assert factors.recovery_codes_left(context, client) == 9
    again = factors.use_recovery_code(context, client, codes[3], portal="karbon")
    assert not again.ok and again.outcome == "recovery_wrong"
    notices = context.db.scalars(select(Message).where(Message.kind == "security_notice")).all()
    assert any("Il vous en reste 9" in m.body for m in notices)


def test_a_new_set_voids_the_old_one(context, client):
    old = factors.issue_recovery_codes(context, client)
    new = factors.issue_recovery_codes(context, client)
    assert not factors.use_recovery_code(context, client, old[0], portal="karbon").ok
    assert factors.use_recovery_code(context, client, new[0], portal="karbon").ok


def test_a_reset_voids_the_secret_and_the_codes(context, client):
    codes = factors.issue_recovery_codes(context, client)
    factors.reset_second_factor(context, client, portal="karbon")
    assert factors.active(client, "totp", "karbon") is None
    assert context.db.scalars(select(Factor).where(Factor.account_id == client.id)).all() == []
    assert factors.recovery_codes_left(context, client) == 0
    assert not factors.use_recovery_code(context, client, codes[0], portal="karbon").ok
    assert client.credentials_reset_at == context.now()


def test_after_a_reset_a_new_secret_is_drawn(context, client):
    old = factors.active(client, "totp", "karbon").secret
    factors.reset_second_factor(context, client, portal="karbon")
    assert factors.new_pending_secret(context) != old


def test_the_context_clock_is_frozen(context):
    assert isinstance(context.now(), datetime)
