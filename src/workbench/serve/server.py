"""The web server: the page, its files, the app's websocket and downloads, behind the gate.

Each websocket starts one ``workbench`` process (textual-serve's ``AppService``, the
command given at start) on the same database: two tabs are two writers, which the
database already handles. What textual-serve's own server does not do is done here:
every request must be addressed to the served host; the page needs the session cookie
(got once, with the printed link's token); the websocket needs the cookie and an
``Origin`` equal to the served address; a download is handed only to the session whose
app offered it; and every response forbids framing, outside scripts and referrers.
A malformed websocket message is ignored, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import ssl
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from workbench.core.i18n import t
from workbench.serve import page
from workbench.serve.gate import COOKIE, Gate

log = logging.getLogger("workbench.serve")

MAX_CELLS = 1000  # a terminal size beyond this is a bad message, not a screen
DEFAULT_SIZE = (80, 24)


def terminal_size(query: Any) -> tuple[int, int]:
    """The first size the page asks for (``?width=&height=``), within 1..MAX_CELLS."""
    def cells(name: str, default: int) -> int:
        try:
            value = int(query.get(name, default))
        except (TypeError, ValueError):
            return default
        return min(max(value, 1), MAX_CELLS)

    return cells("width", DEFAULT_SIZE[0]), cells("height", DEFAULT_SIZE[1])


def parse_message(text: str) -> tuple[str, Any] | None:
    """A browser message as (type, data), or None when it is not one we understand."""
    try:
        envelope = json.loads(text)
    except ValueError:
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None


def content_disposition(disposition: str, file_name: str) -> str:
    """The header naming a download; a Chinese name survives (RFC 6266 ``filename*``)."""
    fallback = file_name.encode("ascii", "replace").decode("ascii").replace('"', "_")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name)}"


class WorkbenchServer:
    """One served workbench: the gate, the command each tab runs, the downloads."""

    def __init__(self, gate: Gate, command: str) -> None:
        self.gate = gate
        self.command = command
        self.downloads = DownloadManager()
        self.owners: dict[str, str] = {}  # app service id -> the session that runs it

    # --- the web application ---------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.index),
            web.get("/ws", self.websocket),
            web.get("/download/{key}", self.download),
            web.get("/static/{name}", self.static),
            web.get("/favicon.ico", self.no_icon),
        ])
        return app

    def headers(self) -> dict[str, str]:
        """Sent with every response: only this origin's scripts, fonts and sockets; no
        framing by another page (a tap there must not land here); no referrer."""
        ws = self.gate.origin.replace("http", "ws", 1)
        policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  f"img-src 'self' data:; font-src 'self'; connect-src 'self' {ws}; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        return {"Content-Security-Policy": policy, "X-Frame-Options": "DENY",
                "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store"}

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self.gate.host_ok(request.headers.get("Host")):
            response: web.StreamResponse = self.refuse(421, "serve.refused.host")
        else:
            try:
                response = await handler(request)
            except web.HTTPException as error:  # a not-found: answered, headers and all
                response = web.Response(status=error.status, text=error.text)
        if not response.prepared:
            response.headers.update(self.headers())
        return response

    def refuse(self, status: int, key: str) -> web.Response:
        return web.Response(status=status, text=page.refusal_html(t(key)),
                            content_type="text/html", charset="utf-8")

    def session_of(self, request: web.Request) -> str | None:
        return self.gate.session(request.cookies.get(COOKIE))

    # --- handlers ------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.StreamResponse:
        """``/?token=…`` once: the session cookie, then the page without the token in
        the address bar (or in a bookmark); ``/`` with the cookie: the page."""
        if "token" in request.query:
            session = self.gate.exchange(request.query.get("token"))
            if session is None:
                return self.refuse(403, "serve.refused.token")
            target = "/"
            if "fontsize" in request.query:
                target += f"?fontsize={page.font_size(request.query['fontsize'])}"
            response = web.Response(status=303, headers={"Location": target})
            response.set_cookie(COOKIE, session, httponly=True, samesite="Strict",
                                secure=self.gate.secure, path="/",
                                max_age=int(self.gate.lifetime))
            return response
        if self.session_of(request) is None:
            return self.refuse(403, "serve.refused.no_session")
        socket_url = self.gate.origin.replace("http", "ws", 1) + "/ws"
        return web.Response(text=page.index_html(socket_url, request.query.get("fontsize")),
                            content_type="text/html", charset="utf-8")

    async def no_icon(self, request: web.Request) -> web.StreamResponse:
        """No icon, and no error in the browser's console for its absence."""
        return web.Response(status=204)

    async def static(self, request: web.Request) -> web.StreamResponse:
        asset = page.assets().get(request.match_info["name"])
        if asset is None:
            raise web.HTTPNotFound()
        return web.Response(body=asset.body, content_type=asset.content_type)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """The app's keys and screen; one ``workbench`` process per connection."""
        session = self.session_of(request)
        if session is None or not self.gate.origin_ok(request.headers.get("Origin")):
            return self.refuse(403, "serve.refused.socket")
        ws = web.WebSocketResponse(heartbeat=15)
        width, height = terminal_size(request.query)
        await ws.prepare(request)
        service = AppService(self.command, write_bytes=ws.send_bytes, write_str=ws.send_str,
                             close=ws.close, download_manager=self.downloads)
        self.owners[service.app_service_id] = session
        try:
            await service.start(width, height)
            await self.relay(ws, service)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            await service.stop()
            self.owners.pop(service.app_service_id, None)
            await ws.close()
        return ws

    async def relay(self, ws: web.WebSocketResponse, service: AppService) -> None:
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            parsed = parse_message(message.data)
            if parsed is None:
                continue
            kind, data = parsed
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = terminal_size(data)
                await service.set_terminal_size(width, height)
            elif kind == "ping":
                await ws.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file the app offered (``deliver_binary``), to the session that runs it."""
        session = self.session_of(request)
        if session is None:
            return self.refuse(403, "serve.refused.no_session")
        try:
            meta = await self.downloads.get_download_metadata(request.match_info["key"])
        except KeyError:
            raise web.HTTPNotFound() from None
        if self.owners.get(meta.app_service.app_service_id) != session:
            raise web.HTTPNotFound()  # another session's file does not exist for this one
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = content_disposition(disposition,
                                                                      meta.file_name)
        response.headers.update(self.headers())
        await response.prepare(request)
        async for chunk in self.downloads.download(meta.delivery_key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # --- running ---------------------------------------------------------------------

    async def run(self, sock: socket.socket, context: ssl.SSLContext | None) -> None:
        """Serve on the bound ``sock`` until cancelled (Ctrl+C), then stop every app."""
        runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        await web.SockSite(runner, sock, ssl_context=context).start()
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
