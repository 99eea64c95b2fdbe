"""The mailbox's links, added for Karbon's invitation: only the simulator's own are clickable."""

from __future__ import annotations

from simulator.web.filters import mail_links


def test_a_relative_link_becomes_a_button():
    html = str(mail_links("Bonjour,\n[Accepter l'invitation](/karbon/invitation/ab12)\nÀ bientôt"))
    assert (
        '<a class="button mail-link" href="/karbon/invitation/ab12" data-testid="mail-link">'
        in html
    )
    assert "Accepter l&#39;invitation</a>" in html and html.startswith("Bonjour,\n")


def test_text_is_escaped():
    assert str(mail_links("<script>x</script> & [<b>](/a)")) == (
        '&lt;script&gt;x&lt;/script&gt; &amp; <a class="button mail-link" href="/a" data-testid="mail-link">&lt;b&gt;</a>'
    )


def test_other_sites_are_never_linked(app):
    with app.test_request_context("/", base_url="http://127.0.0.1:5000"):
        html = str(mail_links("http://127.0.0.1:5000/onegov/x et https://phishing.example/login"))
    assert '<a href="http://127.0.0.1:5000/onegov/x"' in html
    assert "phishing.example" in html and 'href="https://phishing' not in html


def test_a_link_to_another_scheme_or_host_in_brackets_stays_text():
    html = str(mail_links("[clic](javascript:alert(1)) [x](//evil.example/)"))
    assert "<a" not in html
