"""French typography a trainee sees (issue 14 §6): a « ? » never starts a line on its own."""

from __future__ import annotations

import pytest

from .trainee import pigp_login_with_code

pytestmark = pytest.mark.browser

# The top of the character before « ? » and of « ? » itself, in the header cell's text.
QUESTION_MARK_TOPS = """th => {
  const text = [...th.childNodes].find(n => n.nodeType === Node.TEXT_NODE);
  const at = text.data.indexOf("?");
  const top = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                     return r.getBoundingClientRect().top; };
  return [top(at - 2), top(at)];
}"""


def test_code_demande_keeps_its_question_mark_on_its_line(trainee, page):
    pigp_login_with_code(trainee)
    page.goto("/pigp/poste-de-confiance")
    history = page.get_by_test_id("login-history")

    # A table from 641 px: the column narrows with the screen, « ? » stays after its word.
    header = history.get_by_role("columnheader", name="Code demandé ?")
    for width in range(641, 1281, 8):
        page.set_viewport_size({"width": width, "height": 844})
        before, mark = header.evaluate(QUESTION_MARK_TOPS)
        assert mark == before, f"« ? » seul sur sa ligne à {width} px"

    # A list of cards on a phone: « Code demandé ? : oui » is one line, like « Date : … ».
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 844})
        date = history.locator('td[data-label="Date"]').first.bounding_box()
        asked = history.locator("td").nth(2).bounding_box()
        assert asked["height"] == date["height"], f"« Code demandé ? » coupé à {width} px"
