"""The targets, the verdicts on them, and the printed tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.browser import FLOOR, NAIVE
from bench.server_time import ELEMENTS


@dataclass(frozen=True)
class Target:
    """One target: its limit and unit, in a label it writes itself, so that a changed limit
    changes the printed target with it. ``what`` has a ``{}`` where the bound goes."""

    what: str
    limit: float
    unit: str
    strict: bool = False  # "<" rather than "<="

    @property
    def bound(self) -> str:
        return f"{'<' if self.strict else '<='} {self.limit:g}{self.unit}"

    @property
    def label(self) -> str:
        return self.what.format(self.bound)

    def met(self, value: float) -> bool:
        return value < self.limit if self.strict else value <= self.limit


SLIDER_VS_FLOOR = Target("slider rerun {}", 1.3, "x floor")
SLIDER_MS = Target("slider rerun server time {}", 15, " ms")
CROWD_WARM = Target("20 readers open one link at once, warm: first run p95 {}", 1, " s", True)
CROWD_COLD = Target("20 readers open one link at once, cold: first run p95 {}", 3, " s", True)
KB_PER_CHART = Target("{} per chart", 60, " KB")
KB_PER_RERUN = Target("{} per rerun", 250, " KB")
SLIDER_TO_REDRAW = Target("slider -> chart redrawn {} median", 300, " ms")
FIRST_LOAD_VS_NAIVE = Target("first load {} the naive page", 1.1, "x")
FIRST_NUMBER_VS_FLOOR = Target("first number {} the floor page, chart pages", 1.3, "x")
LOAD_P95 = Target("p95 {}", 1, " s", strict=True)
MB_PER_SESSION = Target("{}/session", 5, " MB")

Verdict = tuple[str, bool, str]


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def table(rows: list[list[object]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[object]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True))

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def browser_refs(browser: list[dict], b: dict) -> tuple[dict, dict | None]:
    """The naive page and the floor page measured in the same viewport as ``b``."""
    vp = b.get("viewport", "desktop")
    same = [x for x in browser if x.get("viewport", "desktop") == vp]
    naive = next(x for x in same if x["name"].startswith(NAIVE))
    floor = next((x for x in same if x["name"].startswith(FLOOR)), None)
    return naive, floor


def judge(results: dict) -> list[Verdict]:
    verdicts: list[Verdict] = []
    server = results.get("server", [])
    sliders = [s for s in server if " slider '" in s["name"]]
    if sliders:
        worst = max(s["ratio_to_floor"] for s in sliders)
        detail = ", ".join(f"{s['name']} {s['ratio_to_floor']:.2f}x" for s in sliders)
        verdicts.append((SLIDER_VS_FLOOR.label, SLIDER_VS_FLOOR.met(worst), detail))
        slowest = max(s["median_ms"] for s in sliders)
        detail = ", ".join(f"{s['name']} {s['median_ms']} ms" for s in sliders)
        plain = next((s for s in server if s["name"] == ELEMENTS), None)
        if plain:
            detail += f"; the same elements with no app code: {plain['median_ms']} ms"
        verdicts.append((SLIDER_MS.label, SLIDER_MS.met(slowest), detail))
    if server:
        chart = max(s["kb_per_chart_max"] for s in server)
        rerun = max(s["kb_per_rerun_max"] for s in server)
        verdicts.append((KB_PER_CHART.label, KB_PER_CHART.met(chart), f"largest {chart} KB"))
        verdicts.append((KB_PER_RERUN.label, KB_PER_RERUN.met(rerun), f"largest {rerun} KB"))
    browser = results.get("browser", [])
    if browser:
        verdicts += judge_browser(browser)
    # p95 under 1 s is asked of up to 50 sessions; larger levels are reported in the table
    for lv in [x for x in results.get("load", []) if "page" not in x and x["sessions"] <= 50]:
        ok = lv["errors"] == 0 and LOAD_P95.met(lv["p95_ms"] / 1000)
        ok_mem = MB_PER_SESSION.met(lv["mb_per_session"])
        name = f"{lv['sessions']} sessions: 0 errors, {LOAD_P95.label}, {MB_PER_SESSION.label}"
        detail = f"errors {lv['errors']}, p95 {lv['p95_ms']} ms, {lv['mb_per_session']} MB/session"
        verdicts.append((name, ok and ok_mem, detail))
    for w in results.get("crowd", []):
        if w["readers"] != 20 or not str(w["name"]).startswith(("app", "2 replicas")):
            continue
        t = CROWD_COLD if w["name"].endswith("cold") else CROWD_WARM
        ok = w["errors"] == 0 and t.met(w["first_p95_ms"] / 1000)
        where = " (2 replicas via nginx)" if w["name"].startswith("2 replicas") else ""
        detail = f"p95 {w['first_p95_ms']} ms, errors {w['errors']}"
        verdicts.append((t.label + where, ok, detail))
    return verdicts


def judge_browser(browser: list[dict]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    desktop = [b for b in browser if b.get("viewport", "desktop") == "desktop"]
    naive, _ = browser_refs(browser, desktop[0])
    redraws = [b for b in desktop if b["redraw_ms"] and b is not naive]
    if redraws:
        worst = max(b["redraw_median_ms"] for b in redraws)
        detail = ", ".join(f"{b['name']} {b['redraw_median_ms']} ms" for b in redraws)
        detail += f" (naive {naive['redraw_median_ms']} ms)"
        verdicts.append((SLIDER_TO_REDRAW.label, SLIDER_TO_REDRAW.met(worst), detail))
    loads = [b for b in desktop if b["load_ms"] and not b.get("reference") and b is not naive]
    if loads and naive["load_median_ms"]:
        worst_b = max(loads, key=lambda b: b["load_median_ms"])
        ratio = worst_b["load_median_ms"] / naive["load_median_ms"]
        detail = f"slowest {worst_b['name']} {ratio:.2f}x"
        refs = [b for b in desktop if b.get("reference") and b["charts"] and b["load_ms"]]
        if refs:  # what the naive page costs by a deep link, and with a calculator's elements
            detail += (
                " ("
                + ", ".join(
                    f"{b['name'].split(' (')[0]}: "
                    f"{b['load_median_ms'] / naive['load_median_ms']:.2f}x"
                    for b in refs
                )
                + ")"
            )
        verdicts.append((FIRST_LOAD_VS_NAIVE.label, FIRST_LOAD_VS_NAIVE.met(ratio), detail))
    # the headline numbers of every chart page, against the floor page's one metric
    numbers = []
    for b in browser:
        _, floor = browser_refs(browser, b)
        if (
            b["charts"]
            and not b.get("reference")
            and b.get("number_median_ms")
            and floor
            and floor.get("number_median_ms")
            and not b["name"].startswith(NAIVE)
        ):
            numbers.append((b["name"], b["number_median_ms"] / floor["number_median_ms"]))
    if numbers:
        worst_n = max(r for _, r in numbers)
        detail = ", ".join(f"{n} {r:.2f}x" for n, r in numbers)
        verdicts.append((FIRST_NUMBER_VS_FLOOR.label, FIRST_NUMBER_VS_FLOOR.met(worst_n), detail))
    return verdicts


def report(results: dict, out: Callable[[str], None] = print) -> None:
    m = results["machine"]
    out(
        f"\nMachine: {m['cpu']}, {m['cores']} logical cores, {m['ram_gb']} GB RAM; Python "
        f"{m['python']}, Streamlit {m['streamlit']}, plotly {m['plotly']}. "
        f"Load average before/after: {results['loadavg_start']} / {results['loadavg_end']}"
    )
    if "server" in results:
        out(
            "\n1+2. Server rerun time (send -> script_finished, median) beside the floor page,"
            " and bytes a tab receives"
        )
        out(server_table(results["server"]))
    if "browser" in results:
        cold = results.get("browser_cold")
        cache = "new context each load (empty cache)" if cold else "warm cache"
        out(
            f"\n3. Headless Chromium, {cache}: navigation -> all charts drawn (load), -> first"
            " metric value on screen (first number), key press -> chart redrawn (medians)"
        )
        out(browser_table(results["browser"]))
        for b in results["browser"]:
            if b.get("redraw_phases_median_ms"):
                phases = ", ".join(f"{k} {v}" for k, v in b["redraw_phases_median_ms"].items())
                out(f"   {b['name']}: key->redraw phases (medians, ms): {phases}")
    if "load" in results:
        out("\n4. Concurrent sessions on the calculators (spread evenly), 2 s think time")
        out(load_table(results["load"]))
    if "crowd" in results:
        out(
            "\n5. Readers opening one shared link at the same moment, on a server just started"
            " (cold) and again (warm): request -> numbers (first run), -> charts drawn (page)"
        )
        out(crowd_table(results["crowd"]))
    out("\nTargets")
    for name, ok, detail in results["targets"]:
        out(f"  {verdict(ok):7} {name}: {detail}")


def server_table(server: list[dict]) -> str:
    rows = []
    for s in server:
        reference = "reference" in s["name"]
        rows.append(
            [
                s["name"],
                s["runs"],
                s["median_ms"],
                "-" if reference else s["floor_median_ms"],
                "-" if reference else f"{s['ratio_to_floor']:.2f}x",
                s.get("first_median_ms") or "-",
                s.get("floor_first_median_ms") or "-",
                s["kb_per_rerun_median"],
                s["kb_first_run"],
                s["charts"],
                s["kb_per_chart_max"],
                "; ".join(s["problems"]) or "-",
            ]
        )
    header = ["target", "n", "ms", "floor ms", "ratio", "1st run ms", "floor 1st ms"]
    return table(rows, [*header, "KB/rerun", "KB 1st run", "charts", "max KB/chart", "problems"])


def browser_table(browser: list[dict]) -> str:
    rows = []
    for b in browser:
        naive, floor = browser_refs(browser, b)
        ratio = b["load_median_ms"] / naive["load_median_ms"] if naive["load_median_ms"] else 0
        number = b.get("number_median_ms")
        vs_floor = "-"
        if number and floor and floor.get("number_median_ms"):
            vs_floor = f"{number / floor['number_median_ms']:.2f}x"
        rows.append(
            [
                b["name"],
                b["charts"],
                len(b["load_ms"]),
                b["load_median_ms"],
                f"{ratio:.2f}x",
                number or "-",
                vs_floor,
                b["redraw_median_ms"] if b["redraw_ms"] else "-",
                "; ".join(b["problems"]) or "-",
            ]
        )
    header = ["page", "charts", "n", "load ms", "vs naive", "first number ms", "vs floor"]
    return table(rows, [*header, "key->redraw ms", "problems"])


def load_table(load: list[dict]) -> str:
    rows = [
        [
            lv.get("page", "calculators"),
            lv["sessions"],
            lv["reruns"],
            lv["p50_ms"],
            lv["p95_ms"],
            lv["max_ms"],
            lv["errors"],
            lv["rss_base_mb"],
            lv["rss_peak_mb"],
            lv["mb_per_session"],
            lv["loadavg"][0],
        ]
        for lv in load
    ]
    header = ["page", "sessions", "reruns", "p50 ms", "p95 ms", "max ms", "errors"]
    return table(rows, [*header, "RSS base MB", "RSS peak MB", "MB/session", "load1"])


def crowd_table(crowd: list[dict]) -> str:
    rows = [
        [
            w["name"],
            w["readers"],
            w["first_p50_ms"],
            w["first_p95_ms"],
            w["first_max_ms"],
            w["page_p95_ms"] or "-",
            w["errors"],
            " / ".join(w["headlines"]) or "-",
            w["loadavg"],
        ]
        for w in crowd
    ]
    header = ["wave", "readers", "1st run p50 ms", "p95 ms", "max ms", "page p95 ms", "errors"]
    return table(rows, [*header, "headline shown", "load1"])
