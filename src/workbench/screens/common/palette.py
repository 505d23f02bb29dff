"""Textual's built-in command palette and system commands, in the user's language.

Textual writes "Search for commands…", "No matches found" and its system commands
("Theme", "Quit", "Keys", "Screenshot", …) in English; the app shows them through the
catalogue instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from workbench.core.i18n import t
from workbench.core.matching import command_score

# Textual's English title of a system command -> its catalogue key (sys.<x> / sys.<x>_help)
SYSTEM_COMMANDS = {"Theme": "theme", "Quit": "quit", "Keys": "keys", "Minimize": "minimize",
                   "Maximize": "maximize", "Screenshot": "screenshot"}


def translated(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """``commands`` with the titles and help of the ones we know translated; "Keys"
    says whether it shows or hides the panel, as Textual's help text does."""
    for command in commands:
        key = SYSTEM_COMMANDS.get(command.title)
        if key is None:
            yield command
            continue
        if key == "keys" and command.help.startswith("Hide"):
            key = "keys_hide"
        yield command._replace(title=t(f"sys.{key}"), help=t(f"sys.{key}_help"))


class Palette(CommandPalette):
    """The command palette with a translated placeholder and "no matches" line."""

    def __init__(self) -> None:
        super().__init__(placeholder=t("palette.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own countdown writes "No matches found" in English; same timing here.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("palette.no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


# Words that find each system command without an IME (core.matching, as every command).
SYSTEM_WORDS = {"theme": "theme colour color zt zhuti ps peise 主题 配色",
                "quit": "quit exit tc tuichu 退出",
                "keys": "keys help aj anjian bz bangzhu 按键 帮助",
                "keys_hide": "keys help aj anjian bz bangzhu 按键 帮助",
                "minimize": "minimize restore hy huanyuan 还原",
                "maximize": "maximize fd fangda 放大",
                "screenshot": "screenshot jt jietu 截图"}


class SystemCommands(SystemCommandsProvider):
    """Textual's system commands found through the one matcher, by their translated
    title or an alias (``tc`` / ``quit`` for 退出)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = {t(f"sys.{key}"): SYSTEM_WORDS[key] for key in SYSTEM_WORDS}
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = command_score(query, (name,), (words.get(name, ""),))
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class FixedCommands(Provider):
    """A provider of a few commands found by their label or by their ``WORDS`` (English,
    pinyin initials, full pinyin: no IME needed); listed as they are when nothing is
    typed. A subclass says which (``commands``) and what each does."""

    WORDS: dict[str, str] = {}  # command key -> the words that find it

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(label, key in ``WORDS``, action) of each command, in the order shown."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        for label, _key, action in self.commands():
            yield DiscoveryHit(label, action)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, key, action in self.commands():
            score = command_score(query, (label,), (self.WORDS[key],))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action)
