"""Starting a served workbench: the address rules, TLS, the listening socket, the command
each tab runs and the link's QR code.

The rules: 127.0.0.1 unless ``--host`` names another address; another address needs
TLS (``--tls-cert`` and ``--tls-key``) unless ``--insecure`` is given, which is said
out loud each start; 0.0.0.0 is refused (the link must name the address the tablet
will use, and the Origin check compares against exactly that).
"""

from __future__ import annotations

import os
import shlex
import socket
import ssl
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.serve.gate import is_loopback, is_wildcard, origin_of

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class ServeUsageError(WorkbenchError):
    """An address, port or TLS option that cannot be used (exit code 2)."""


@dataclass(frozen=True)
class Listen:
    """Where to listen and how: the checked options."""

    host: str
    port: int
    context: ssl.SSLContext | None
    insecure: bool  # plain HTTP on an address other machines can reach

    @property
    def scheme(self) -> str:
        return "https" if self.context else "http"


def port_number(value: str | int) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise ServeUsageError("serve.bad_port", value=value) from None
    if not 0 <= port <= 65535:
        raise ServeUsageError("serve.bad_port", value=value)
    return port


def tls_context(cert: str | None, key: str | None) -> ssl.SSLContext | None:
    """The server's TLS context from a certificate and its key (both or neither)."""
    if not cert and not key:
        return None
    if not cert or not key:
        raise ServeUsageError("serve.tls_pair")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(Path(cert).expanduser(), Path(key).expanduser())
    except (OSError, ssl.SSLError) as error:
        raise ServeUsageError("serve.tls_unusable", cert=cert, key=key,
                              detail=getattr(error, "strerror", None) or str(error)) from None
    return context


def check_listen(host: str | None, port: str | int | None, cert: str | None = None,
                 key: str | None = None, insecure: bool = False) -> Listen:
    """The options, checked: a bad one is a ``ServeUsageError`` and nothing starts."""
    host = DEFAULT_HOST if host is None else host.strip()
    if not host or is_wildcard(host):
        raise ServeUsageError("serve.wildcard_host", host=host or "''")
    number = port_number(DEFAULT_PORT if port is None else port)
    context = tls_context(cert, key)
    if context is None and not is_loopback(host) and not insecure:
        raise ServeUsageError("serve.needs_tls", host=host)
    return Listen(host, number, context, insecure=context is None and not is_loopback(host))


def bind(listen: Listen) -> socket.socket:
    """The listening socket (bound now, so the printed link's port is the real one)."""
    family = socket.AF_INET6 if ":" in listen.host else socket.AF_INET
    try:
        return socket.create_server((listen.host.strip("[]"), listen.port), family=family,
                                    reuse_port=False)
    except OSError as error:
        raise WorkbenchError("serve.cannot_listen", host=listen.host, port=listen.port,
                             detail=os.strerror(error.errno) if error.errno else str(error)
                             ) from None


def served_origin(listen: Listen, sock: socket.socket) -> str:
    return origin_of(listen.scheme, listen.host.strip("[]"), sock.getsockname()[1])


def app_command(db_path: Path | None, config_path: str | None, language: str,
                today: str | None, no_backup: bool) -> str:
    """The shell command each browser tab runs: this Python's ``workbench`` on the same
    file, in the served language (and day, when ``--today`` was given)."""
    argv: list[str] = [sys.executable, "-m", "workbench", "--lang", language]
    if db_path is not None:
        argv += ["--db", str(db_path.expanduser().resolve())]
    if config_path:
        argv += ["--config", str(Path(config_path).expanduser().resolve())]
    if today:
        argv += ["--today", today]
    if no_backup:
        argv.append("--no-backup")
    return shlex.join(argv)


def qr_lines(link: str) -> Sequence[str]:
    """The link as a QR code in text (half-block characters), or nothing when segno, of
    the ``serve`` extra, is not installed."""
    try:
        import segno
    except ImportError:
        return ()
    import io

    out = io.StringIO()
    segno.make(link, error="l").terminal(out=out, compact=True, border=2)
    return out.getvalue().splitlines()
