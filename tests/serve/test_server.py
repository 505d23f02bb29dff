"""The served pages in-process (aiohttp's test client): no token, no page; the token once;
the websocket needs the cookie and the served Origin; files by name only, no outside URL
anywhere in the page; downloads only to the session whose app offered them."""

from __future__ import annotations

import asyncio
import gc
import re
import sys
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from workbench.core import i18n
from workbench.serve import page
from workbench.serve.gate import COOKIE, Gate, origin_of
from workbench.serve.server import WorkbenchServer, parse_message, terminal_size

# The app each test websocket starts: a process that exits at once (the gate is tested,
# not the app, which the browser test runs).
QUIET_APP = f"{sys.executable} -c pass"


@pytest.fixture
async def served() -> AsyncIterator[tuple[WorkbenchServer, TestClient]]:
    server = WorkbenchServer(Gate("http://pending"), QUIET_APP)
    test_server = TestServer(server.make_app(), host="127.0.0.1")
    await test_server.start_server()
    server.gate.origin = origin_of("http", "127.0.0.1", test_server.port)
    async with TestClient(test_server, cookie_jar=aiohttp.DummyCookieJar()) as client:
        yield server, client
    # An app process's pipes are closed on collection: while the loop still runs.
    gc.collect()


def session_cookie(response: aiohttp.ClientResponse) -> SimpleCookie:
    jar = SimpleCookie()
    for header in response.headers.getall("Set-Cookie", []):
        jar.load(header)
    return jar


async def log_in(server: WorkbenchServer, client: TestClient) -> str:
    response = await client.get(f"/?token={server.gate.token}", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/"
    return session_cookie(response)[COOKIE].value


async def test_no_token_no_page_and_no_socket(served) -> None:
    server, client = served
    response = await client.get("/", allow_redirects=False)
    assert response.status == 403 and "Set-Cookie" not in response.headers
    assert "Open the link" in await response.text()
    response = await client.get("/ws", headers={"Origin": server.gate.origin})
    assert response.status == 403


async def test_the_token_gives_a_strict_httponly_cookie_once(served) -> None:
    server, client = served
    response = await client.get(f"/?token={server.gate.token}", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/"
    morsel = session_cookie(response)[COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Strict" and morsel["path"] == "/"
    assert not morsel["secure"]  # plain HTTP on 127.0.0.1: a Secure cookie would be lost
    response = await client.get("/", headers={"Cookie": f"{COOKIE}={morsel.value}"})
    assert response.status == 200
    assert '<meta name="viewport"' in await response.text()
    again = await client.get(f"/?token={server.gate.token}", allow_redirects=False)
    assert again.status == 403 and "Set-Cookie" not in again.headers
    assert "already used" in await again.text()


async def test_a_wrong_token_or_cookie_is_refused(served) -> None:
    server, client = served
    token = server.gate.token
    other = "y" if token.endswith("x") else "x"  # never the token itself
    wrong = await client.get(f"/?token={token[:-1]}{other}", allow_redirects=False)
    assert wrong.status == 403
    forged = await client.get("/", headers={"Cookie": f"{COOKIE}={server.gate.token}"})
    assert forged.status == 403


async def test_under_tls_the_cookie_is_secure(served) -> None:
    server, client = served
    server.gate.origin = server.gate.origin.replace("http://", "https://")
    response = await client.get(f"/?token={server.gate.token}", allow_redirects=False)
    assert session_cookie(response)[COOKIE]["secure"]


@pytest.mark.parametrize("origin", [
    None, "http://evil.example", "http://localhost:{port}", "https://127.0.0.1:{port}",
    "http://127.0.0.1:{port}.evil.example", "null"])
async def test_a_valid_cookie_from_another_origin_cannot_connect(served, origin) -> None:
    server, client = served
    cookie = await log_in(server, client)
    headers = {"Cookie": f"{COOKIE}={cookie}"}
    if origin is not None:
        headers["Origin"] = origin.format(port=client.port)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers=headers)
    assert refused.value.status == 403
    assert server.owners == {}  # no app was started


async def test_cookie_and_served_origin_connect(served) -> None:
    server, client = served
    cookie = await log_in(server, client)
    ws = await client.ws_connect("/ws?width=100&height=40", headers={
        "Cookie": f"{COOKIE}={cookie}", "Origin": server.gate.origin})
    await ws.send_str('["ping", "1"]')
    assert await asyncio.wait_for(ws.receive_json(), 30) == ["pong", "1"]
    await ws.close()
    while server.owners:  # the handler stops its app before it returns
        await asyncio.sleep(0.01)


async def test_the_served_origin_without_a_cookie_cannot_connect(served) -> None:
    server, client = served
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Origin": server.gate.origin})
    assert refused.value.status == 403


async def test_another_host_name_is_refused(served) -> None:
    server, client = served
    cookie = await log_in(server, client)
    response = await client.get("/", headers={"Cookie": f"{COOKIE}={cookie}",
                                              "Host": f"rebound.example:{client.port}"})
    assert response.status == 421


async def test_every_response_forbids_framing_and_outside_scripts(served) -> None:
    server, client = served
    for path in ("/", "/static/workbench.js", "/static/nothing"):
        headers = (await client.get(path)).headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/static/", "/static", "/static/js/", "/static/..%2f..%2f",
                                  "/static/fonts/RobotoMono-VariableFont_wght.ttf",
                                  "/static/%2e%2e/server.py"])
async def test_no_folder_is_listed_and_only_named_files_are_served(served, path) -> None:
    server, client = served
    assert (await client.get(path)).status == 404


OUTSIDE = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


async def test_the_page_and_its_files_name_no_outside_host(served) -> None:
    server, client = served
    cookie = await log_in(server, client)
    for language in ("zh", "en"):
        i18n.set_language(language)
        html = await (await client.get("/", headers={"Cookie": f"{COOKIE}={cookie}"})).text()
        assert OUTSIDE.findall(html) == []
        assert f'lang="{"zh-CN" if language == "zh" else "en"}"' in html
        for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert ref.startswith("/static/")
            assert (await client.get(ref)).status == 200
    for name in ("workbench.css", "workbench.js", "xterm.css"):
        text = await (await client.get(f"/static/{name}")).text()
        if name.endswith(".css"):  # xterm.css credits its authors' sites in a comment
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
        assert OUTSIDE.findall(text) == [], name
    script = await (await client.get("/static/textual.js")).text()
    assert "fonts.googleapis" not in script and "@import" not in script
    # The terminal's fonts are the local stack, and the terminal is on its element.
    assert page.LOCAL_FONTS in script and page.UPSTREAM_FONTS not in script
    assert page.EXPOSED_OPEN in script


async def test_the_page_fits_its_font_unless_one_is_asked_for(served) -> None:
    server, client = served
    cookie = await log_in(server, client)
    for asked, size in [("", "auto"), ("?fontsize=12", "12"), ("?fontsize=7", "auto"),
                        ("?fontsize=8", "8"), ("?fontsize=32", "32"), ("?fontsize=33", "auto"),
                        ("?fontsize=1e3", "auto")]:
        html = await (await client.get(f"/{asked}",
                                       headers={"Cookie": f"{COOKIE}={cookie}"})).text()
        assert f'data-font-size="{size}"' in html, asked


def test_the_keys_bar_sends_what_a_keyboard_sends() -> None:
    i18n.set_language("zh")
    buttons = page.key_buttons()
    assert "签收 g" in buttons and "确定" in buttons and "取消 Esc" in buttons
    sent = {k[2] for k in page.KEYS}
    # The counter sign-off by taps: open it, move, tick, confirm, save, leave.
    assert {"g", "\r", "\x1b[A", "\x1b[B", " ", "\x13", "\x1b"} <= sent


class FakeApp:
    """An app service that answers each chunk request with the file, then the end."""

    def __init__(self, server: WorkbenchServer, app_id: str, key: str) -> None:
        self.app_service_id = app_id
        self.server = server
        self.key = key
        self.sent = False

    async def send_meta(self, data: dict) -> bool:
        chunk = b"" if self.sent else "周报".encode()
        self.sent = True
        await self.server.downloads.chunk_received(self.key, chunk)
        return True


async def offer(server: WorkbenchServer, session: str, key: str) -> None:
    app = FakeApp(server, f"app-{key}", key)
    server.owners[app.app_service_id] = session
    await server.downloads.create_download(
        app_service=app, delivery_key=key, file_name="周报 2026-W48.xlsx",
        open_method="download", mime_type="application/octet-stream")


async def test_a_download_goes_only_to_the_session_that_runs_its_app(served) -> None:
    server, client = served
    mine = await log_in(server, client)
    theirs = "another-session"
    server.gate.sessions[theirs] = server.gate.clock() + server.gate.lifetime
    await offer(server, theirs, "k1")
    refused = await client.get("/download/k1", headers={"Cookie": f"{COOKIE}={mine}"})
    assert refused.status == 404
    assert (await client.get("/download/k1")).status == 403  # no session at all
    await offer(server, mine, "k2")
    response = await client.get("/download/k2", headers={"Cookie": f"{COOKIE}={mine}"})
    assert response.status == 200 and await response.read() == "周报".encode()
    assert "filename*=UTF-8''%E5%91%A8%E6%8A%A5" in response.headers["Content-Disposition"]


@pytest.mark.parametrize(("text", "parsed"), [
    ('["stdin", "g"]', ("stdin", "g")), ('["ping"]', ("ping", None)), ("[]", None),
    ("{}", None), ("not json", None), ('[1, 2]', None), ('"stdin"', None)])
def test_a_malformed_message_is_ignored(text: str, parsed) -> None:
    assert parse_message(text) == parsed


@pytest.mark.parametrize(("query", "size"), [
    ({}, (80, 24)), ({"width": "120", "height": "40"}, (120, 40)),
    ({"width": "0", "height": "-5"}, (1, 1)), ({"width": "1001", "height": "1000"}, (1000, 1000)),
    ({"width": "wide", "height": None}, (80, 24))])
def test_terminal_sizes_are_bounded(query: dict, size: tuple[int, int]) -> None:
    assert terminal_size(query) == size
