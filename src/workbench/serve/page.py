"""The served page and its files: offline, in Chinese, with tappable keys.

textual-serve's own page loads its font from an outside host (blocked in mainland
China, and nothing at all offline), has no viewport tag and lists its static folder.
Here the page is ours (``assets/page.html``), and only the files it needs are served,
by name: textual-serve's terminal script with its font stack replaced by a local one
that has CJK glyphs, its terminal stylesheet, its Roboto Mono file, and our script and
stylesheet. Nothing else is reachable, so there is no folder to list.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

import textual_serve

from workbench.core.i18n import language, t

ASSETS = Path(__file__).parent / "assets"
UPSTREAM = Path(textual_serve.__file__).parent / "static"

# textual.js hard-codes the terminal's fonts; the served copy names local ones instead:
# the Latin cells from the bundled Roboto Mono, Chinese from whichever CJK font the
# device has (Noto/Source Han on Linux and Android, PingFang on iOS, YaHei on Windows).
UPSTREAM_FONTS = "fontFamily:\"'Roboto Mono', Monaco, 'Courier New', monospace\""
LOCAL_FONTS = ("fontFamily:\"'Workbench Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', "
               "'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', monospace\"")

# The terminal is kept on its element, so the page can read its size (cols x rows) and
# a test can read the screen's text (the screen itself is a canvas).
UPSTREAM_OPEN = "this.terminal.open(e),"
EXPOSED_OPEN = "this.terminal.open(e),e.terminal=this.terminal,"

FONT_SIZES = range(8, 33)  # what ?fontsize= may ask for; otherwise fitted to 80x30

# The keys bar: the label's message key and the bytes a keyboard would send. Enough for
# the counter sign-off (g, type or pick, Enter, Enter) and the forms around it.
KEYS: tuple[tuple[str, str, str], ...] = (
    ("key.sign_off", "g", "g"),
    ("key.mode_plan", "1", "1"),
    ("key.mode_deliveries", "3", "3"),
    ("key.new_line", "n", "n"),
    ("serve.key.up", "", "\x1b[A"),
    ("serve.key.down", "", "\x1b[B"),
    ("serve.key.space", "", " "),
    ("serve.key.tab", "", "\t"),
    ("serve.key.enter", "", "\r"),
    ("key.save", "^S", "\x13"),
    ("key.cancel", "Esc", "\x1b"),
)


@dataclass(frozen=True)
class Asset:
    """One servable file: its bytes and content type."""

    body: bytes
    content_type: str


def terminal_script() -> bytes:
    """textual.js with the local font stack and the terminal on its element; unchanged
    (and so still working, with the device's default monospace) if a new textual-serve
    wrote these another way (a test pins both replacements on the pinned version)."""
    text = (UPSTREAM / "js" / "textual.js").read_text(encoding="utf-8")
    text = text.replace(UPSTREAM_FONTS, LOCAL_FONTS, 1)
    return text.replace(UPSTREAM_OPEN, EXPOSED_OPEN, 1).encode("utf-8")


@cache
def assets() -> dict[str, Asset]:
    """Every file under ``/static/``, by name (read once)."""
    return {
        "textual.js": Asset(terminal_script(), "text/javascript"),
        "xterm.css": Asset((UPSTREAM / "css" / "xterm.css").read_bytes(), "text/css"),
        "RobotoMono.ttf": Asset(
            (UPSTREAM / "fonts" / "RobotoMono-VariableFont_wght.ttf").read_bytes(), "font/ttf"),
        "workbench.js": Asset((ASSETS / "workbench.js").read_bytes(), "text/javascript"),
        "workbench.css": Asset((ASSETS / "workbench.css").read_bytes(), "text/css"),
    }


def font_size(asked: str | None) -> str:
    """The terminal's font size: the one asked for when it is in range, else ``auto``
    (the page picks the largest that shows 80x30 cells)."""
    if asked and asked.isdigit() and int(asked) in FONT_SIZES:
        return asked
    return "auto"


def key_buttons() -> str:
    """The keys bar's buttons, labelled in the current language."""
    buttons = []
    for label_key, shown, sent in KEYS:
        label = f"{t(label_key)} {shown}".strip()
        buttons.append(f'<button type="button" tabindex="-1" data-send="'
                       f'{html.escape(json.dumps(sent))}">{html.escape(label)}</button>')
    return "".join(buttons)


def index_html(websocket_url: str, asked_font_size: str | None = None) -> str:
    """The page, in the current language, for the app's websocket at ``websocket_url``."""
    template = Template((ASSETS / "page.html").read_text(encoding="utf-8"))
    values = {
        "lang": "zh-CN" if language() == "zh" else "en",
        "title": t("app.title"),
        "loading": t("serve.page.loading"),
        "ended": t("serve.page.ended"),
        "restart": t("serve.page.restart"),
        "keys_label": t("serve.page.keys"),
        "websocket": websocket_url,
        "font_size": font_size(asked_font_size),
    }
    escaped = {name: html.escape(value) for name, value in values.items()}
    return template.substitute(escaped, buttons=key_buttons())


def refusal_html(message: str) -> str:
    """A short page for a refused request: what happened and what to do."""
    lang = "zh-CN" if language() == "zh" else "en"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(t('app.title'))}</title></head>"
            f"<body><p>{html.escape(message)}</p></body></html>")
