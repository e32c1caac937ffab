"""nginx in front of app replicas: the shipped ``deploy/nginx.conf``, ports substituted, run in
the foreground on a free loopback port (tests/properties/test_deploy.py and
bench/throughput_nginx.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from devtools.server import free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
#: The cookie deploy/nginx.conf sets and routes on (sticky sessions).
ROUTE_COOKIE = "aicost_route"


def _sub_once(pattern: str, repl: str, text: str) -> str:
    new, n = re.subn(pattern, repl, text, count=1, flags=re.MULTILINE)
    if n != 1:
        raise AssertionError(f"deploy/nginx.conf no longer has a line matching {pattern!r}")
    return new


def render_nginx_conf(listen_port: int, replica_ports: list[int], *, debug_header: bool) -> str:
    """deploy/nginx.conf with its listen port and replica list replaced, nothing else.

    ``debug_header`` uncomments the shipped ``X-Upstream`` line (which replica answered).
    """
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    text = _sub_once(r"^worker_processes .*;$", "worker_processes 1;", text)
    text = _sub_once(r"^(\s*)listen \d+;$", rf"\g<1>listen 127.0.0.1:{listen_port};", text)
    servers = re.findall(r"^(\s*)server 127\.0\.0\.1:\d+ (.*);$", text, flags=re.MULTILINE)
    if len(servers) < 2:
        raise AssertionError("deploy/nginx.conf should list at least two replicas")
    indent, params = servers[0]
    block = "".join(f"{indent}server 127.0.0.1:{p} {params};\n" for p in replica_ports)
    text = re.sub(r"(^\s*server 127\.0\.0\.1:\d+ .*;\n)+", block, text, count=1, flags=re.M)
    if debug_header:
        text = _sub_once(r"^(\s*)# (add_header X-Upstream .*)$", r"\g<1>\g<2>", text)
    if os.geteuid() == 0:
        # nginx started by root runs its workers as `nobody`, who cannot write the preview
        # cache under a test's private temp folder: here the workers keep root's rights
        text = f"user root;\n{text}"
    return text


@dataclass
class Nginx:
    proc: subprocess.Popen
    port: int
    prefix: Path
    output: IO[str] | None = None  # nginx's own stdout/stderr, logs/stderr.log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def access_log(self) -> str:
        path = self.prefix / "logs" / "access.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def error_log(self) -> str:
        path = self.prefix / "logs" / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: fast shutdown of master and workers
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.output is not None:
            self.output.close()


def start_nginx(
    prefix: Path, replica_ports: list[int], *, debug_header: bool = True, port: int | None = None
) -> Nginx:
    """Start nginx in the foreground on a free loopback port; return once it accepts."""
    port = port or free_port()
    for sub in ("logs", "temp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(render_nginx_conf(port, replica_ports, debug_header=debug_header))
    base = [NGINX, "-p", f"{prefix}/", "-c", str(conf), "-e", "stderr"]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True, timeout=30)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    output = (prefix / "logs" / "stderr.log").open("w")
    proc = subprocess.Popen([*base, "-g", "daemon off;"], stdout=output, stderr=output)
    nginx = Nginx(proc, port, prefix, output)

    def listening() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}: {nginx.error_log()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        return False

    try:
        wait_until(listening, 15, "nginx to listen")
    except Exception:
        nginx.stop()
        raise
    return nginx


def get(url: str, cookie: str | None = None, timeout: float = 5) -> tuple[int, dict, str]:
    """GET ``url``; return (status, headers, body). HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode(errors="replace")


def route_keys(nginx_url: str, replica_ports: list[int], tries: int = 200) -> dict[int, str]:
    """One route-cookie value per replica: which browser cookie lands where (X-Upstream)."""
    keys: dict[int, str] = {}
    for i in range(tries):
        key = f"probe{i}"
        _, headers, _ = get(f"{nginx_url}/_stcore/health", cookie=f"{ROUTE_COOKIE}={key}")
        port = int(headers["X-Upstream"].rsplit(":", 1)[1])
        keys.setdefault(port, key)
        if len(keys) == len(replica_ports):
            break
    return keys
