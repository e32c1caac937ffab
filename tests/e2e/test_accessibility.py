"""Accessibility: axe-core (WCAG 2.1 A and AA rules) finds no serious or critical violation
on any page, in the light theme or the dark one.

axe-core comes from npm, pinned in package-lock.json; scripts/test.sh installs it (npm ci).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PATHS, ROOT, page_url

pytestmark = pytest.mark.e2e

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: run `npm ci` (scripts/test.sh does)"
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PATHS)
def test_no_serious_accessibility_violation(app_server, browsing, axe_source, path, scheme):
    page, _watch = browsing.open(page_url(app_server, path), color_scheme=scheme)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("(rules) => axe.run(document, rules)", RULES)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(n["target"][:1]) for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious
    assert result["passes"], "axe ran no rule"
