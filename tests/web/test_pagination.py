"""The mailbox and the phone show 50 messages a page, newest first, with « Page précédente /
suivante » links; a page that does not exist sends the browser to the nearest one that does."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from simulator.store import Message


def fill(app, web, count, channel="mail", folder="inbox"):
    """``count`` delivered messages, numbered 1 (oldest) to ``count`` (newest)."""
    sandbox_id = web.state()["id"]
    now = app.extensions["sim.wall_clock"].now()
    with app.app_context(), app.extensions["sim.db"].session() as db:
        for number in range(1, count + 1):
            at = now - timedelta(minutes=count - number + 1)
            db.add(
                Message(
                    sandbox_id=sandbox_id,
                    channel=channel,
                    portal="pigp",
                    kind="k",
                    sender="expediteur@exemple.test",
                    recipient="r",
                    subject=f"Message n° {number}",
                    body=f"SMS n° {number}",
                    created_at=at,
                    deliver_at=at,
                    folder=folder,
                )
            )


MAIL_NUMBERS = re.compile(r"Message n° (\d+)")
SMS_NUMBERS = re.compile(r"SMS n° (\d+)")


def numbers(page, pattern=MAIL_NUMBERS):
    return [int(n) for n in pattern.findall(page)]


def unread_sms(web):
    match = re.search(
        r'data-testid="bar-phone">Téléphone(?: <span class="sb-count">(\d+)<)?', web.text("/")
    )
    return int(match.group(1) or 0)


def nav(page):
    match = re.search(r'<nav class="pager" aria-label="([^"]+)".*?</nav>', page, re.S)
    if match is None:
        return None
    links = dict(
        (rel, href)
        for href, rel in re.findall(r'<a href="([^"]+)" rel="(prev|next)"', match.group(0))
    )
    return match.group(1), links, re.search(r"Page \d+ sur \d+", match.group(0)).group(0)


@pytest.mark.parametrize("count, pages", [(0, 1), (1, 1), (50, 1), (51, 2), (120, 3)])
def test_mailbox_pages_of_fifty_newest_first(app, browser_client, count, pages):
    fill(app, browser_client, count)
    first = browser_client.text("/messagerie/")
    assert numbers(first) == list(range(count, max(count - 50, 0), -1))
    if pages == 1:
        assert nav(first) is None
        return
    label, links, where = nav(first)
    assert label == "Pages de « Boîte de réception »" and where == f"Page 1 sur {pages}"
    assert links == {"next": "/messagerie/?page=2"}
    last = browser_client.text(f"/messagerie/?page={pages}")
    assert numbers(last) == list(range(count - 50 * (pages - 1), 0, -1))
    assert nav(last)[1] == {
        "prev": f"/messagerie/?page={pages - 1}" if pages > 2 else "/messagerie/"
    }
    assert "Page suivante" not in last and "« Page précédente" in last


def test_a_middle_page_links_both_ways(app, browser_client):
    fill(app, browser_client, 120)
    page = browser_client.text("/messagerie/?page=2")
    assert numbers(page) == list(range(70, 20, -1))
    assert nav(page)[1:] == (
        {"prev": "/messagerie/", "next": "/messagerie/?page=3"},
        "Page 2 sur 3",
    )


def test_the_spam_folder_pages_on_its_own(app, browser_client):
    fill(app, browser_client, 60, folder="spam")
    fill(app, browser_client, 3)
    assert nav(browser_client.text("/messagerie/")) is None
    assert nav(browser_client.text("/messagerie/spam"))[1] == {"next": "/messagerie/spam?page=2"}
    assert len(numbers(browser_client.text("/messagerie/spam?page=2"))) == 10


@pytest.mark.parametrize(
    "asked, lands",
    [
        ("0", "/messagerie/"),
        ("-1", "/messagerie/"),
        ("abc", "/messagerie/"),
        ("2.5", "/messagerie/"),
        ("", "/messagerie/"),
        ("\uff12", "/messagerie/"),
        ("9" * 4000, "/messagerie/"),  # longer: the French 414 (security.MAX_URL_LENGTH)
        ("4", "/messagerie/?page=3"),
        ("999999", "/messagerie/?page=3"),
        ("1", None),
        ("3", None),
    ],
)
def test_a_page_that_does_not_exist_redirects_to_the_nearest(app, browser_client, asked, lands):
    fill(app, browser_client, 120)
    response = browser_client.get("/messagerie/", query_string={"page": asked})
    if lands is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response.location == lands
        assert browser_client.get(lands).status_code == 200


def test_an_empty_mailbox_has_only_its_first_page(browser_client):
    response = browser_client.get("/messagerie/?page=2")
    assert response.status_code == 302 and response.location == "/messagerie/"


def test_the_phone_pages_and_marks_read_only_what_it_showed(app, browser_client):
    fill(app, browser_client, 75, channel="sms")
    first = browser_client.text("/telephone/")
    assert numbers(first, SMS_NUMBERS) == list(range(75, 25, -1))
    assert nav(first)[:2] == ("Pages des SMS", {"next": "/telephone/?page=2"})
    assert unread_sms(browser_client) == 25
    second = browser_client.text("/telephone/?page=2")
    assert numbers(second, SMS_NUMBERS) == list(range(25, 0, -1))
    assert browser_client.get("/telephone/?page=3").location == "/telephone/?page=2"
    assert browser_client.get("/telephone/?page=x").location == "/telephone/"
    assert unread_sms(browser_client) == 0


def test_a_thousand_mails_list_fifty(app, browser_client):
    fill(app, browser_client, 1000)
    page = browser_client.text("/messagerie/?page=20")
    assert numbers(page) == list(range(50, 0, -1))
    assert nav(page)[2] == "Page 20 sur 20"
