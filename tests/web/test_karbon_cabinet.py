"""The firm's side of Karbon: the 2FA requirement, the client list, invitation, reset."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from simulator.domain import totp
from simulator.store import Account, Factor, PortalSession, RecoveryCode
from tests.portals import next_code


def client_id(web) -> int:
    return int(
        re.search(
            r'data-testid="client-row" data-client="(\d+)"', web.text("/karbon-cabinet/")
        ).group(1)
    )


def test_the_client_list_follows_the_clients_journey(karbon, wall):
    page = karbon.text("/karbon-cabinet/")
    assert "Exiger la 2FA pour le portail client" in page and "checked" in page
    assert "Non invité" in page and "Non configurée" in page
    karbon.post(f"/karbon-cabinet/clients/{client_id(karbon)}/invitation")
    assert "Invité" in karbon.text("/karbon-cabinet/")
    karbon.enrol(wall)
    page = karbon.text("/karbon-cabinet/")
    assert "Actif" in page and "Activée" in page and 'data-testid="reset-2fa"' in page


def test_the_cabinet_sends_the_invitation(karbon):
    response = karbon.post(f"/karbon-cabinet/clients/{client_id(karbon)}/invitation")
    assert response.location == "/karbon-cabinet/"
    assert "Invitation envoyée" in karbon.text("/karbon-cabinet/")
    assert re.search(r'href="/karbon/invitation/[0-9a-f]{48}"', karbon.latest_mail())


def test_an_active_client_is_not_invited_again(karbon, wall):
    karbon.enrol(wall)
    karbon.post(f"/karbon-cabinet/clients/{client_id(karbon)}/invitation")
    assert "a déjà activé son compte" in karbon.text("/karbon-cabinet/")


def test_the_setting_is_saved_both_ways(karbon):
    assert karbon.post("/karbon-cabinet/parametres", {}).location == "/karbon-cabinet/"
    page = karbon.text("/karbon-cabinet/")
    assert "n&#39;est plus exigée" in page and _require_box(page) == "unchecked"
    karbon.post("/karbon-cabinet/parametres", {"require_2fa": "y"})
    assert "2FA exigée pour le portail client." in karbon.text("/karbon-cabinet/")


def test_the_reset_asks_for_confirmation_first(karbon, app, wall):
    karbon.enrol(wall)
    page = karbon.text(f"/karbon-cabinet/clients/{client_id(karbon)}/reinitialiser-2fa")
    assert "Réinitialiser la 2FA de" in page and "10 codes de récupération" in page
    with app.extensions["sim.db"].session() as db:
        assert db.scalars(select(Factor)).one() is not None


def test_a_reset_voids_the_secret_the_codes_and_the_sessions(karbon, app, wall):
    old_secret, codes = karbon.enrol(wall)
    account_id = client_id(karbon)
    response = karbon.post(f"/karbon-cabinet/clients/{account_id}/reinitialiser-2fa")
    assert response.location == "/karbon-cabinet/"
    page = karbon.text("/karbon-cabinet/")
    assert "est réinitialisée" in page and "Réinitialisée" in page
    assert "a été réinitialisée" in karbon.latest_mail()
    with app.extensions["sim.db"].session() as db:
        assert db.scalars(select(Factor)).all() == []
        assert db.scalars(select(RecoveryCode)).all() == []
        open_rows = db.scalars(
            select(PortalSession).where(
                PortalSession.account_id == account_id, PortalSession.ended_at.is_(None)
            )
        ).all()
        assert open_rows == []
    assert karbon.get("/karbon/accueil").location == "/karbon/connexion"
    # The next login goes through the set-up again, with a new secret.
    assert karbon.login().location == "/karbon/configuration-2fa"
    assert "réinitialisé votre 2FA" in karbon.text("/karbon/configuration-2fa")
    new_secret = karbon.shown_secret()
    assert new_secret != old_secret
    old_app = karbon.post("/karbon/configuration-2fa", {"code": next_code(wall, old_secret)})
    assert old_app.status_code == 400
    assert karbon.post(
        "/karbon/configuration-2fa", {"code": totp.code_at(new_secret, wall.now())}
    ).location == ("/karbon/codes-de-recuperation")
    new_codes = re.findall(
        r'data-testid="recovery-code">([^<]+)<', karbon.text("/karbon/codes-de-recuperation")
    )
    assert not set(new_codes) & set(codes)
    karbon.post("/karbon/codes-de-recuperation", {"saved": "y"})
    karbon.logout()
    karbon.login()
    assert (
        karbon.post("/karbon/verification/code-de-recuperation", {"code": codes[0]}).status_code
        == 400
    )
    assert (
        karbon.post("/karbon/verification", {"code": next_code(wall, new_secret)}).location
        == "/karbon/accueil"
    )


def test_no_reset_without_a_factor(karbon):
    response = karbon.post(f"/karbon-cabinet/clients/{client_id(karbon)}/reinitialiser-2fa")
    assert response.location == "/karbon-cabinet/"
    assert "pas d&#39;authentification à deux facteurs" in karbon.text("/karbon-cabinet/")


@pytest.mark.parametrize("action", ["invitation", "reinitialiser-2fa"])
def test_another_sandboxs_client_answers_404(karbon, other_browser, app, action):
    other = client_id(other_browser)
    assert other != client_id(karbon)
    assert karbon.post(f"/karbon-cabinet/clients/{other}/{action}").status_code == 404
    assert karbon.get(f"/karbon-cabinet/clients/{other}/reinitialiser-2fa").status_code == 404


def test_an_account_of_another_portal_answers_404(karbon, app):
    with app.extensions["sim.db"].session() as db:
        pigp = db.scalars(select(Account).where(Account.portal == "pigp")).first().id
    assert karbon.post(f"/karbon-cabinet/clients/{pigp}/invitation").status_code == 404
    assert karbon.get("/karbon-cabinet/clients/999999/reinitialiser-2fa").status_code == 404
    assert karbon.get("/karbon-cabinet/clients/abc/reinitialiser-2fa").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/karbon-cabinet/parametres",
        "/karbon-cabinet/clients/1/invitation",
        "/karbon-cabinet/clients/1/reinitialiser-2fa",
    ],
)
def test_a_post_without_csrf_token_is_refused(karbon, url):
    assert karbon.post(url, {}, csrf=False).status_code == 400


def test_the_setting_belongs_to_one_sandbox(karbon, other_browser):
    karbon.post("/karbon-cabinet/parametres", {})
    assert _require_box(karbon.text("/karbon-cabinet/")) == "unchecked"
    assert _require_box(other_browser.text("/karbon-cabinet/")) == "checked"


def _require_box(page: str) -> str:
    tag = re.search(r'<input[^>]*id="require-2fa"[^>]*>', page).group(0)
    return "checked" if " checked" in tag else "unchecked"


def test_after_a_reset_the_sandbox_app_offers_only_the_new_qr_code(karbon, wall):
    """The old QR code is off every screen: once its app entry is removed, it is not offered again."""
    karbon.enrol(wall)
    page = karbon.text("/authentificateur/")
    assert 'data-testid="scan-qr"' in page  # never scanned: the test enrolled without the app
    karbon.post("/authentificateur/scanner/0")
    entry = re.search(
        r"/authentificateur/(\d+)/supprimer", karbon.text("/authentificateur/")
    ).group(1)
    karbon.post(f"/karbon-cabinet/clients/{client_id(karbon)}/reinitialiser-2fa")
    karbon.login()
    karbon.shown_secret()
    karbon.post(f"/authentificateur/{entry}/supprimer")
    page = karbon.text("/authentificateur/")
    assert page.count('data-testid="scan-qr"') == 1
