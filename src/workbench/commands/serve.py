"""``workbench serve``: the workbench in a browser, for a tablet or phone at the counter.

Checks the options (``serve.launch``), binds the port, prints the one-time link (and
its QR code; Enter at the terminal prints another, for a second device), then serves
until Ctrl+C or SIGTERM. The web server is ``serve.server``.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from pathlib import Path

from workbench.core.i18n import language, t
from workbench.serve import launch
from workbench.serve.gate import Gate
from workbench.serve.server import WorkbenchServer


def run_serve(db_path: Path | None, *, host: str | None, port: str | int | None,
              tls_cert: str | None, tls_key: str | None, insecure: bool,
              config_path: str | None, today: str | None, demo: bool) -> int:
    """Serve until Ctrl+C or SIGTERM; a bad option or a busy port is one line, nothing
    started. Stopping tells every tab's app to quit."""
    listen = launch.check_listen(host, port, tls_cert, tls_key, insecure)
    command = launch.app_command(db_path, config_path, language(), today, no_backup=demo)
    sock = launch.bind(listen)
    gate = Gate(launch.served_origin(listen, sock))
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        if listen.insecure:
            print(t("serve.insecure", host=listen.host))
        print(t("serve.serving", db=str(db_path) if db_path else t("serve.default_db")))
        show_link(gate)
        asyncio.run(serve(WorkbenchServer(gate, command), sock, listen))
    except KeyboardInterrupt:
        pass  # asyncio.run has cancelled the server, which closed every tab first
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
    print(t("serve.stopped"))
    return 0


def show_link(gate: Gate) -> None:
    """The one-time link (and its QR code); at a terminal, how to get another one."""
    print(t("serve.open_link"))
    print(f"  {gate.link()}", flush=True)
    qr = launch.qr_lines(gate.link())
    if qr:
        print(t("serve.scan_link"))
        print("\n".join(qr))
    if sys.stdin.isatty():
        print(t("serve.enter_for_link"))
    sys.stdout.flush()


async def serve(server: WorkbenchServer, sock: socket.socket, listen: launch.Listen) -> None:
    """Serve; at a terminal, Enter prints a new one-time link (for a second device: the
    link not yet opened stops working)."""
    if sys.stdin.isatty():
        def another_link() -> None:
            sys.stdin.readline()
            server.gate.renew()
            show_link(server.gate)

        asyncio.get_running_loop().add_reader(sys.stdin.fileno(), another_link)
    await server.run(sock, listen.context)


def interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the server the way Ctrl+C does."""
    raise KeyboardInterrupt
