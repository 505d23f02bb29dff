"""Who may use a served workbench: the one-time link, the session cookie, the Origin.

The link printed at start carries a token that works once: the browser that opens it
gets a session cookie (HttpOnly, SameSite=Strict, Secure under TLS) and the token is
spent. Every later request needs that cookie; the websocket that drives the app also
needs an ``Origin`` equal to the served address, so a page from another site open in
the same browser can neither read nor drive the workbench. A ``Host`` other than the
served one is refused too (a name re-bound to this address is not this server).
A session lasts ``SESSION_HOURS`` from the link's opening (a working day): a tablet
left behind at a counter does not keep the workbench open for good; a new link
(Enter where the server runs) opens another.

Plain Python, no web framework: the server (``serve.server``) asks, the gate answers.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

COOKIE = "workbench_session"
TOKEN_BYTES = 24
SESSION_BYTES = 32
SESSION_HOURS = 12


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for 0.0.0.0 / :: (every interface): no one address a browser could name."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def origin_of(scheme: str, host: str, port: int) -> str:
    """The ``Origin`` a browser sends for pages served at ``scheme://host:port``
    (the default port is left out, as browsers do; an IPv6 address in brackets)."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host.lower()}" + ("" if port == default else f":{port}")


def same(a: str, b: str) -> bool:
    """Compare two secrets in constant time (a token or cookie guessed byte by byte
    must not be told apart by how long the refusal took)."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


@dataclass
class Gate:
    """The served address, the unspent token and the sessions it was exchanged for."""

    origin: str
    token: str = field(default_factory=lambda: secrets.token_urlsafe(TOKEN_BYTES))
    spent: bool = False
    sessions: dict[str, float] = field(default_factory=dict)  # session -> when it ends
    lifetime: float = SESSION_HOURS * 3600.0  # seconds
    clock: Callable[[], float] = time.monotonic

    @property
    def secure(self) -> bool:
        return self.origin.startswith("https://")

    @property
    def host(self) -> str:
        """The ``Host`` header browsers send for this origin."""
        return self.origin.split("://", 1)[1]

    def link(self) -> str:
        """The link to print: the page with the one-time token."""
        return f"{self.origin}/?token={self.token}"

    def exchange(self, token: str | None) -> str | None:
        """A new session id for the unspent token; None for anything else (no token, a
        wrong one, or the right one a second time)."""
        if not token or self.spent or not same(token, self.token):
            return None
        self.spent = True
        session = secrets.token_urlsafe(SESSION_BYTES)
        self.sessions[session] = self.clock() + self.lifetime
        return session

    def renew(self) -> str:
        """A new one-time token for another device; an unspent earlier one stops
        working (one link is ever open at a time). Sessions already given stay."""
        self.token = secrets.token_urlsafe(TOKEN_BYTES)
        self.spent = False
        return self.token

    def session(self, cookie: str | None) -> str | None:
        """The session the cookie names, if it is one of ours and has not ended."""
        now = self.clock()
        for ended in [s for s, until in self.sessions.items() if until <= now]:
            del self.sessions[ended]
        if not cookie:
            return None
        for known in self.sessions:
            if same(cookie, known):
                return known
        return None

    def host_ok(self, host: str | None) -> bool:
        """The request was addressed to the served host (not a re-bound name)."""
        return bool(host) and host.lower() == self.host

    def origin_ok(self, origin: str | None) -> bool:
        """The page that opened the websocket was served here (exactly this origin)."""
        return bool(origin) and origin.lower() == self.origin
