"""/data: every data file, filterable, with its source links, downloads and the methodology.

The rows and methods are :mod:`.scenario`; :func:`compute` is what the page says of them.
"""

from __future__ import annotations

from aicost.base import fmt
from aicost.pages.data import scenario
from aicost.report.page import Body, Scenario


def compute(s: Scenario) -> Body:
    """The rows of the chosen file that match the search, and what the page says of them.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["data"], tables, Store("data/releases").current, params={"q": "H800"})
    >>> r.finding.split(";")[0]
    '367 sourced rows in 5 data files, each with the sentence it was taken from and a link to its source'
    >>> r.body.says["found"]
    "The search 'H800' matches 26 of 158 rows of figures.csv."
    """
    name = s.params.get("file") or "figures"
    query = s.params.get("q", "")
    frame = s.tables[name]
    shown = scenario.filter_rows(frame, category_column=scenario.CATEGORY_COLUMN[name], query=query)
    rows = sum(len(s.tables[f]) for f in s.tables.keys())
    found = f"The search '{query}' matches {fmt.count(len(shown))} of {fmt.count(len(frame))} rows of {name}.csv"
    sentence = (
        f"{fmt.count(rows)} sourced rows in {len(s.tables.keys())} data files, each with the "
        f"sentence it was taken from and a link to its source; {name}.csv has "
        f"{fmt.count(len(frame))}."
    )
    return Body(
        figures=(),
        finding=sentence,
        headline=f"{fmt.count(rows)} sourced rows in {len(s.tables.keys())} files",
        says={"found": f"{found}." if query else ""},
        frames={"rows": lambda: shown},
        detail=shown,
    )
