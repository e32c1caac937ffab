"""Start the app with ``streamlit run`` on a free loopback port, for tests and the benchmark.

Readiness is polled on ``/_stcore/health``, never slept for.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent

#: Debian's Chromium where it is installed; elsewhere Playwright's own build
#: (``python -m playwright install chromium``, which scripts/test.sh runs when apt is absent).
CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
#: Headless as root on a closed network: no sandbox, no GPU, no background fetches.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Callable[[], T], timeout: float, what: str, poll: float = 0.05) -> T:
    """Poll ``predicate`` until it returns something truthy; return that, or time out.

    The one polling loop of the harnesses: tests wait on a condition, never a fixed sleep.
    ``predicate`` may raise to abort the wait (a process that died, say).
    """
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(poll)


def _answers_health(url: str, proc: subprocess.Popen | None) -> bool:
    if proc is not None and proc.poll() is not None:
        raise RuntimeError(f"server exited with {proc.returncode} before it was healthy")
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_healthy(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url``/_stcore/health until it answers 200 'ok'."""
    wait_until(lambda: _answers_health(url, proc), timeout, f"{url} to be healthy", poll=0.1)


@dataclass
class AppServer:
    """A running ``streamlit run app.py`` process."""

    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start_app(
    log_dir: Path,
    *,
    port: int | None = None,
    extra_args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    wait: bool = True,
    script: str = "app.py",
) -> AppServer:
    """Start ``script`` (the app by default) from the repository root; wait until healthy.

    The server runs as in production: the chart validation that the in-process tests turn on
    (``AICOST_VALIDATE_CHARTS``, set by the root conftest.py) is off unless ``env`` sets it,
    so a browser or HTTP test sees the figures a visitor gets.
    """
    port = port or free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{Path(script).stem}-{port}.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", *extra_args,
    ]  # fmt: skip
    log = log_path.open("w")
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "AICOST_VALIDATE_CHARTS": "0", **(env or {})},
    )
    server = AppServer(proc, port, log_path)
    if wait:
        try:
            wait_healthy(server.url, proc=proc)
        except Exception:
            server.stop()
            raise
    return server
