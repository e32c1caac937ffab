"""The server sends each answer at once: ``TCP_NODELAY`` on the connections it accepts.

Streamlit binds its listening socket with protocol 0, for which asyncio leaves Nagle's
algorithm on; every answer after a kept-alive connection's first then waited about 40 ms for
the client's delayed ACK (aicost.web.tcp_nodelay). Checked where it happens: the app's entry,
imported as the server imports it, then a socket bound the way Streamlit binds it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import asyncio, runpy, socket
runpy.run_path("app.py", run_name="app")  # as `streamlit run app.py` imports it: the server

async def main():
    listening = socket.socket(socket.AF_INET)  # as streamlit's _bind_socket: protocol 0
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    listening.setblocking(False)
    seen = []

    async def accepted(reader, writer):
        sock = writer.get_extra_info("socket")
        seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(accepted, sock=listening)
    _, writer = await asyncio.open_connection(*listening.getsockname())
    for _ in range(100):
        if seen:
            break
        await asyncio.sleep(0.01)
    writer.close()
    server.close()
    print(listening.proto, seen)

asyncio.run(main())
"""


def test_the_servers_connections_send_without_delay() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    proto, seen = out.stdout.split()[-2:]
    assert proto == "0"  # the listening socket as Streamlit makes it
    assert seen == "[1]", "an accepted connection still has Nagle's algorithm on"
