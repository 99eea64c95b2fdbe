"""Application services: the domain's rules applied to stored rows.

Portals call these instead of touching codes, factors, trust records or messages
themselves, so a rule (expiry, replay, lockout, notice) is applied the same way everywhere.
Nothing here knows Flask: a ``SandboxContext`` carries the session, clock and randomness.
"""
