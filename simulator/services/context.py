"""What one request knows about its sandbox: database session, clock, randomness, faults."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.clock import SandboxClock, WallClock
from ..domain.faults import Faults
from ..domain.personas import Persona, generate
from ..store import Account, Sandbox


@dataclass
class SandboxContext:
    db: Session
    sandbox: Sandbox
    wall: WallClock
    deterministic: bool = False

    @property
    def clock(self) -> SandboxClock:
        return SandboxClock(self.wall, timedelta(seconds=self.sandbox.clock_offset_seconds))

    def now(self) -> datetime:
        return self.clock.now()

    def wall_now(self) -> datetime:
        return self.wall.now()

    @property
    def faults(self) -> Faults:
        return Faults.from_dict(self.sandbox.faults)

    @property
    def persona(self) -> Persona:
        return generate(self.sandbox.seed)

    def rng(self) -> random.Random:
        """Secure randomness; in walkthrough mode a sequence fixed by the sandbox's seed."""
        if not self.deterministic:
            return secrets.SystemRandom()
        self.sandbox.rng_counter = (self.sandbox.rng_counter or 0) + 1
        return random.Random(f"{self.sandbox.seed}:{self.sandbox.rng_counter}")

    def account(self, portal: str) -> Account:
        return self.db.scalars(
            select(Account).where(Account.sandbox_id == self.sandbox.id, Account.portal == portal)
        ).one()

    def token(self, nbytes: int = 24) -> str:
        rng = self.rng()
        return f"{rng.getrandbits(nbytes * 8):0{nbytes * 2}x}"
