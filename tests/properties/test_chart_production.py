"""The charts a visitor gets are the charts the tests check.

The app builds its figures unvalidated (plotly's validation costs milliseconds a chart on every
rerun; ``aicost.report.charts.VALIDATE``), while the in-process tests build them validated, to
catch a wrong property. Validation also normalises what it checks (a template name becomes the
template), so the two could draw differently: a label of /timeline's chip ceiling went missing
in the browser while every test passed. For every recorded link's charts, the JSON sent to the
browser must be the same both ways.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import plotly.io as pio
import pytest

from aicost.base import release
from aicost.report import charts as chartkit
from aicost.report.page import open_link
from aicost.site import BY_PATH
from tests.contracts.observe import CONTRACT

LINKS = sorted({entry["link"] for entry in json.loads(CONTRACT.read_text())})


def _sent(link: str, validate: bool, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    monkeypatch.setattr(chartkit, "VALIDATE", validate)
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True)
    store = release.store()
    r = open_link(BY_PATH[parts.path.strip("/")], query, store, store.tables)
    return [json.loads(pio.to_json(c.make(), validate=False)) for c in r.charts]


@pytest.mark.parametrize("link", LINKS)
def test_a_chart_is_sent_the_same_validated_or_not(link, monkeypatch):
    production = _sent(link, False, monkeypatch)
    checked = _sent(link, True, monkeypatch)
    assert production == checked
