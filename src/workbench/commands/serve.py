"""``workbench serve``: the workbench in a browser, for a tablet or phone at the counter.

Checks the options (``serve.launch``), binds the port, prints the one-time link (and
its QR code), then serves until Ctrl+C. The web server is ``serve.server``.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
from pathlib import Path

from workbench.core.i18n import language, t
from workbench.serve import launch
from workbench.serve.gate import Gate
from workbench.serve.server import WorkbenchServer


def run_serve(db_path: Path | None, *, host: str | None, port: str | int | None,
              tls_cert: str | None, tls_key: str | None, insecure: bool,
              config_path: str | None, today: str | None, demo: bool) -> int:
    """Serve until interrupted; a bad option or a busy port is one line, nothing started."""
    listen = launch.check_listen(host, port, tls_cert, tls_key, insecure)
    command = launch.app_command(db_path, config_path, language(), today, no_backup=demo)
    sock = launch.bind(listen)
    gate = Gate(launch.served_origin(listen, sock))
    if listen.insecure:
        print(t("serve.insecure", host=listen.host))
    print(t("serve.serving", db=str(db_path) if db_path else t("serve.default_db")))
    print(t("serve.open_link"))
    print(f"  {gate.link()}")
    qr = launch.qr_lines(gate.link())
    if qr:
        print(t("serve.scan_link"))
        print("\n".join(qr), flush=True)
    try:
        asyncio.run(until_stopped(WorkbenchServer(gate, command), sock, listen))
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print(t("serve.stopped"))
    return 0


async def until_stopped(server: WorkbenchServer, sock: socket.socket,
                        listen: launch.Listen) -> None:
    """Serve until Ctrl+C or SIGTERM; either way every tab's app is told to quit."""
    task = asyncio.create_task(server.run(sock, listen.context))
    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    with contextlib.suppress(asyncio.CancelledError):
        await task
