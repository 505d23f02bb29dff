"""Textual's own strings in the zh UI: the palette's placeholder, "No matches found",
the system commands and the footer's palette label come from the catalogue."""

from __future__ import annotations

from textual.command import CommandInput, CommandList, CommandPalette

from tests.conftest import TODAY, wait_ready, wait_until
from workbench.app import WorkbenchApp


def options(palette) -> list[str]:
    listed = palette.query_one(CommandList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def test_the_palette_speaks_chinese(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        palette_binding = next(b for _, b in app._bindings if b.action == "command_palette")
        assert palette_binding.description == "命令"
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        assert palette.query_one(CommandInput).placeholder.startswith("搜索命令")
        await pilot.press(*"退出")
        await wait_until(pilot, lambda: any("退出" in o for o in options(palette)),
                         "the quit command in Chinese")
        for _ in range(2):
            await pilot.press("backspace")
        await pilot.press(*"zzzzqqq")
        await wait_until(pilot, lambda: any("没有找到" in o for o in options(palette)),
                         "no matches, in Chinese")
        assert not any("No matches" in o for o in options(palette))


def test_every_system_command_is_translated():
    from workbench.core import i18n
    from workbench.screens.common.palette import SYSTEM_COMMANDS

    i18n.set_language("zh")
    try:
        for key in (*SYSTEM_COMMANDS.values(), "keys_hide"):
            assert i18n.t(f"sys.{key}").isascii() is False
            assert i18n.t(f"sys.{key}_help").isascii() is False
    finally:
        i18n.set_language("en")


async def test_the_help_panel_lists_textual_keys_in_chinese_once(db, db_path, config):
    from textual.widgets import DataTable

    from workbench.demo.build import populate

    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: app.screen.query(DataTable), "the roster")
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.pause()
        shown = {b.description: b.tooltip for _, b in table._bindings}
        assert "到第一行" in shown and "First" not in shown
        assert all(not tip or tip != text for text, tip in shown.items())


async def test_system_commands_are_found_without_an_ime(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await pilot.press(*"tuichu")
        await wait_until(pilot, lambda: any("退出" in o for o in options(palette)),
                         "退出 found by its pinyin")
