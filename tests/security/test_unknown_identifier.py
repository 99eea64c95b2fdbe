"""An unknown identifier cannot be told from a wrong password: same page, same status, same
lockout, same cost (the decoy is checked exactly like a default account's password)."""

from __future__ import annotations

import re

from simulator.services import passwords


def _attempt(web, username):
    response = web.post(
        "/pigp/connexion", {"username": username, "password": "mauvais-mot-de-passe"}
    )
    page = response.get_data(as_text=True)
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    main = re.sub(r'value="[^"]*"', "", main)  # the identifier typed, echoed back
    return response.status_code, re.sub(r"\s+", " ", main)


def test_same_answers_and_the_same_lockout_for_an_unknown_identifier(pigp):
    real = [_attempt(pigp, pigp.creds["username"]) for _ in range(6)]
    unknown = [_attempt(pigp, "jean.personne") for _ in range(6)]
    assert [status for status, _ in unknown] == [status for status, _ in real]
    assert [page for _, page in unknown] == [page for _, page in real]
    assert "bloquée jusqu" in unknown[-1][1]


def test_the_decoy_costs_what_a_default_account_costs(pigp, monkeypatch):
    checked = []
    original = passwords.verify

    def spy(stored, password):
        checked.append(stored.split("$")[0])
        return original(stored, password)

    monkeypatch.setattr(passwords, "verify", spy)
    _attempt(pigp, pigp.creds["username"])
    _attempt(pigp, "jean.personne")
    assert len(checked) == 2 and checked[0] == checked[1] == "hmac-sha256"


def test_the_decoy_computes_as_many_hmacs_as_a_real_check(pigp, monkeypatch):
    """Not one more: hashing the decoy on every attempt was a second HMAC the real path skips."""
    computed = []
    original = passwords.hash_generated

    def spy(password):
        computed.append(password)
        return original(password)

    monkeypatch.setattr(passwords, "hash_generated", spy)
    _attempt(pigp, pigp.creds["username"])
    real = len(computed)
    _attempt(pigp, "jean.personne")
    assert real == 1 and len(computed) - real == real
