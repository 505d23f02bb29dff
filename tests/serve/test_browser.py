"""The served workbench in a real browser: Playwright driving the system's Chromium.

The screen is a canvas, so the tests wait on the terminal's text (the page keeps the
terminal on its element) and on where its cursor is (the focused field), and assert on
the database and on sizes. A delivery is logged and signed at the counter with keys on
a 1280x800 screen (then the week's report is downloaded), and one is signed with the
keys bar's taps on a 768x1024 tablet at device scale 2; both screens must show at least
80x30 cells (the layout then does not wrap). Screenshots go to the test's folder.

Chromium comes from the system (``apt-get install chromium fonts-noto-cjk``, as
``.ci/run`` does); without it these tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from time import monotonic

import pytest

from tests.conftest import TODAY, copy_database
from workbench.core import i18n
from workbench.serve import launch
from workbench.serve.gate import Gate, origin_of
from workbench.serve.server import WorkbenchServer

CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 60_000  # generous: two cores shared by the whole suite

# The terminal's visible text, one line per row (the page keeps the terminal on its
# element: ``serve.page.EXPOSED_OPEN``).
SCREEN_JS = """() => {
  const t = document.getElementById('terminal').terminal;
  if (!t) return '';
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < t.rows; i++) {
    const line = b.getLine(b.viewportY + i);
    rows.push(line ? line.translateToString(true) : '');
  }
  return rows.join('\\n');
}"""


def need_browser() -> None:
    """Skip without Chromium or Playwright, but fail under CI: there they must run."""
    missing = None
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed: pip install -e '.[test]'"
    if missing is None and not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


@dataclass
class Served:
    link: str
    db_path: Path


def midday_zone() -> str:
    """A POSIX ``TZ`` whose local time is now between 12:00 and 13:00.

    The tabs' apps read the machine's clock (the working day is ``--today``): a sign-off
    before the delivery it signs for is refused, so a test delivering at 08:00 failed
    when run between midnight and eight (UTC).
    """

    return f"WBT{datetime.now(UTC).hour - 12:+d}"


@pytest.fixture
async def served(tmp_path: Path, demo_template: Path, monkeypatch) -> AsyncIterator[Served]:
    """The demo served on a free port: each tab runs ``workbench --lang zh`` on it, at
    midday (``midday_zone``)."""
    need_browser()
    monkeypatch.setenv("TZ", midday_zone())  # read by each tab's process as it starts
    i18n.set_language("zh")  # the page's own words (the keys bar) in the tabs' language
    db_path = tmp_path / "wb.db"
    copy_database(demo_template, db_path)  # with its witness: no banner over the app
    sock = socket.create_server(("127.0.0.1", 0))
    gate = Gate(origin_of("http", "127.0.0.1", sock.getsockname()[1]))
    config = tmp_path / "config.toml"  # the tabs never read (or write) the user's own
    config.write_text('language = "zh"\n', encoding="utf-8")
    command = launch.app_command(db_path, str(config), "zh", TODAY.isoformat(), no_backup=True)
    task = asyncio.create_task(WorkbenchServer(gate, command).run(sock, None))
    yield Served(gate.link(), db_path)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    sock.close()
    gc.collect()  # the apps' pipes are closed on collection: while the loop still runs


async def screen(page) -> str:
    return await page.evaluate(SCREEN_JS)


async def wait_text(page, text: str) -> None:
    await page.wait_for_function(f"() => ({SCREEN_JS})().includes({json.dumps(text)})",
                                 timeout=WAIT_MS)


async def wait_gone(page, text: str) -> None:
    await page.wait_for_function(f"() => !({SCREEN_JS})().includes({json.dumps(text)})",
                                 timeout=WAIT_MS)


async def wait_focus_under(page, label: str) -> None:
    """Wait until the cursor (the focused input) is in the box under ``label`` (its last
    line on screen: a table header behind the form may carry the same word); keys typed
    before the form has settled its focus would land in another field."""
    await page.wait_for_function(
        f"""() => {{
          const rows = ({SCREEN_JS})().split('\\n');
          const at = rows.findLastIndex(r => r.includes({json.dumps(label)}));
          const t = document.getElementById('terminal').terminal;
          return at >= 0 && t.buffer.active.cursorY === at + 2;
        }}""", timeout=WAIT_MS)


def query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


async def wait_rows(db_path: Path, sql: str, *params: object) -> list[tuple]:
    """Poll the database (another process writes it) until ``sql`` returns rows."""
    deadline = monotonic() + WAIT_MS / 1000
    while monotonic() < deadline:
        rows = query(db_path, sql, *params)
        if rows:
            return rows
        await asyncio.sleep(0.05)
    raise AssertionError(f"no rows for {sql} {params}")


SIGNED = """SELECT s.signer, o.code FROM signoff_lines sl JOIN signoffs s ON s.id = sl.signoff_id
            JOIN deliveries d ON d.id = sl.delivery_id JOIN outlets o ON o.id = s.outlet_id
            WHERE d.id = ?"""


async def terminal_size(page) -> tuple[int, int]:
    return tuple(await page.evaluate(
        "() => { const t = document.getElementById('terminal').terminal; "
        "return [t.cols, t.rows]; }"))


async def assert_fits(page, viewport_width: int) -> None:
    cols, rows = await terminal_size(page)
    assert cols >= 80 and rows >= 30, (cols, rows)
    # ... and the browser shows all of it: the terminal is no wider than the page.
    width = await page.evaluate(
        "() => document.querySelector('.xterm-screen').getBoundingClientRect().width")
    assert width <= viewport_width


async def open_app(browser_args: list[str], link: str, **context):
    from playwright.async_api import async_playwright

    driver = await async_playwright().start()
    browser = await driver.chromium.launch(executable_path=str(CHROMIUM),
                                           args=["--no-sandbox", *browser_args])
    page = await (await browser.new_context(locale="zh-CN", **context)).new_page()
    # Every request the page makes (offline: none leaves the served origin) and every
    # console error (a script error, a request the page's policy blocked).
    page.requests, page.errors = [], []
    page.context.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    await page.goto(link)
    await wait_text(page, "每日必做三件事")  # the plan, in Chinese, with its data
    return driver, browser, page


@asynccontextmanager
async def another_site() -> AsyncIterator[str]:
    """A page served by another server on this machine (a real one: Chromium lets a page
    reach 127.0.0.1 only from a local address)."""
    from aiohttp import web

    async def hello(request: web.Request) -> web.Response:
        return web.Response(text="<!DOCTYPE html><title>another site</title>",
                            content_type="text/html")

    app = web.Application()
    app.router.add_get("/", hello)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/"
    finally:
        await runner.cleanup()


async def close(page, browser, driver, folder: Path) -> None:
    """Close the browser; what the screen last showed is printed (shown on a failure)."""
    try:
        print(await screen(page))
        await page.screenshot(path=str(folder / "last.png"))
    finally:
        await browser.close()
        await driver.stop()
        gc.collect()  # the driver's pipes too, while the loop runs


async def test_log_and_sign_a_delivery_with_keys(served: Served, tmp_path: Path) -> None:
    driver, browser, page = await open_app([], served.link,
                                           viewport={"width": 1280, "height": 800})
    try:
        assert "银保工作台" in await screen(page)
        await assert_fits(page, 1280)
        await page.screenshot(path=str(tmp_path / "desktop-1280x800.png"))
        keys = page.keyboard
        await page.focus(".xterm-helper-textarea")
        await keys.press("3")  # the register
        await wait_text(page, "登记本")
        await keys.press("n")
        await wait_text(page, "送到哪个网点")
        await keys.type("BOCOM-104")
        await keys.press("Enter")
        await wait_text(page, "登记送达")
        await wait_focus_under(page, "数量")
        await keys.type("30")
        await keys.press("Tab")
        await wait_focus_under(page, "单证号段")
        await keys.type("A2026009001-9030")
        await keys.press("Control+s")
        [(delivery,)] = await wait_rows(
            served.db_path, "SELECT id FROM deliveries WHERE serial_from = 2026009001")
        await keys.press("Escape")
        await wait_gone(page, "登记送达")
        await keys.press("g")  # the counter sign-off
        await wait_text(page, "在哪个网点签收")
        await keys.type("BOCOM-104")
        await keys.press("Enter")
        await wait_text(page, "柜面签收")
        await wait_focus_under(page, "签收人")
        await keys.type("ln")  # 罗娜, by her initials
        await keys.press("Enter")  # takes her; the next Enter signs, from either field
        await keys.press("Enter")
        assert await wait_rows(served.db_path, SIGNED, delivery) == [("罗娜", "BOCOM-104")]
        await wait_gone(page, "柜面签收")
        # The week's report, exported in the app, reaches this browser as a download.
        await keys.press("w")
        await wait_text(page, "2026-W48")
        async with page.expect_download(timeout=WAIT_MS) as download:
            await keys.press("l")
        assert (await download.value).suggested_filename == "weekly-2026-W48.xlsx"
        origin = served.link.split("/?")[0]
        assert any("/static/RobotoMono.ttf" in url for url in page.requests)
        assert [url for url in page.requests if not url.startswith(origin)] == []
        assert page.errors == []
        # A page from another origin in the same browser: 127.0.0.1 on another port is the
        # same site, so the Strict cookie goes along; only the Origin check refuses it.
        async with another_site() as elsewhere:
            other = await page.context.new_page()
            await other.goto(elsewhere)
            outcome = await other.evaluate("""url => new Promise(done => {
                const ws = new WebSocket(url);
                ws.onopen = () => done('connected');
                ws.onerror = () => done('refused');
            })""", origin.replace("http", "ws", 1) + "/ws")
        assert outcome == "refused"
    finally:
        await close(page, browser, driver, tmp_path)


async def test_sign_with_taps_on_a_tablet(served: Served, tmp_path: Path) -> None:
    from workbench.register import deliveries
    from workbench.storage import open_db

    db = open_db(served.db_path)
    try:
        outlet = db.execute("SELECT id FROM outlets WHERE code = 'BOCOM-108'").fetchone()[0]

        from workbench.core.config import Config

        delivery = deliveries.add_delivery(db, Config(), outlet_id=outlet, kind="poster",
                                           quantity=6, now=datetime(2026, 11, 27, 8, 0))
    finally:
        db.close()
    # A real device scale of 2 (the emulated one alone leaves the canvas at scale 1).
    driver, browser, page = await open_app(
        ["--force-device-scale-factor=2"], served.link,
        viewport={"width": 768, "height": 1024}, device_scale_factor=2, has_touch=True,
        is_mobile=True)
    try:
        await assert_fits(page, 768)
        assert await page.is_visible("#keys")
        await page.screenshot(path=str(tmp_path / "tablet-768x1024@2x.png"))

        async def tap(label: str) -> None:
            await page.locator("#keys button", has_text=label).tap()

        await tap("签收")
        await wait_text(page, "在哪个网点签收")
        await page.focus(".xterm-helper-textarea")  # the on-screen keyboard
        await page.keyboard.type("BOCOM-108")
        await tap("确定")
        await wait_text(page, "柜面签收")
        await wait_focus_under(page, "签收人")
        await page.keyboard.type("hm")  # 胡敏
        await page.screenshot(path=str(tmp_path / "tablet-sign-off.png"))
        await tap("确定")
        await tap("确定")
        assert await wait_rows(served.db_path, SIGNED, delivery) == [("胡敏", "BOCOM-108")]
        await wait_gone(page, "柜面签收")
        await page.screenshot(path=str(tmp_path / "tablet-signed.png"))
        # Narrower (a smaller tablet, or this one turned round): a smaller font, still
        # 80 columns, without reloading.
        await page.set_viewport_size({"width": 640, "height": 800})
        await page.wait_for_function(
            "() => document.getElementById('terminal').terminal.options.fontSize < 15",
            timeout=WAIT_MS)
        await wait_text(page, "每日必做三件事")
        await assert_fits(page, 640)
    finally:
        await close(page, browser, driver, tmp_path)


def test_without_chromium_ci_fails_and_a_developer_skips(monkeypatch, tmp_path: Path) -> None:
    import tests.serve.test_browser as here

    monkeypatch.setattr(here, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        need_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        need_browser()
