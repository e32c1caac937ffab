"""/rules-cost (pages/8_rules-cost.py): what the export rules cost, period by period."""

from __future__ import annotations

from aicost.base.release import Store
from aicost.report.page import open_link
from aicost.site import BY_PATH
from tests.apptest import open_page
from tests.conftest import RELEASES

RULES = "pages/8_rules-cost.py"
STORE = Store(RELEASES)


def test_the_ownership_route_on_current_data_prices_what_it_can_and_says_what_it_cannot():
    """The A800 has a purchase price but no sourced TDP: its owner's cost per hour cannot be
    computed, so its cost is a dash with a note, never a crash (it raised KeyError)."""
    current = STORE.current.id
    at = open_page(RULES, {"rc_route": "ownership", "rel": current})
    assert not at.exception
    r = open_link(BY_PATH["rules-cost"], {"rc_route": ["ownership"], "rel": [current]},
                  STORE, STORE.tables)  # fmt: skip
    assert any("No sourced price on this route for the A800" in n for n in r.body.notes)
    at = open_page(RULES)
    at.radio(key="rc_route").set_value("ownership").run()
    assert not at.exception
