"""The plan's calendar key (C): the .ics written in a worker, a notice naming the file;
a file that is not an earlier export is left alone, with one line saying why."""

from __future__ import annotations

import icalendar

from tests.conftest import TODAY, copy_database, run_from_palette, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.core.keymap import BINDING_IDS


def on_demo(tmp_path, demo_template, config, language: str) -> WorkbenchApp:
    path = tmp_path / "wb.db"
    copy_database(demo_template, path)
    return WorkbenchApp(db_path=path, config=config, today=TODAY, language=language)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_c_writes_the_calendar_beside_the_reports(tmp_path, demo_template, config):
    target = tmp_path / "reports" / "workbench.ics"
    app = on_demo(tmp_path, demo_template, config, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("C")
        await wait_until(pilot, lambda: any("日历已写入" in n for n in notices(app)),
                         "the calendar's notice")
        [notice] = [n for n in notices(app) if "日历已写入" in n]
        assert str(target) in notice
        cal = icalendar.Calendar.from_ical(target.read_bytes())
        count = len(cal.walk("VEVENT"))
        assert count > 0 and f"({count} 个事件)" in notice
        assert target.stat().st_mode & 0o077 == 0
        # Again: the earlier export is replaced, the same events (same UIDs).
        first = {str(e["uid"]) for e in cal.walk("VEVENT")}
        app.clear_notifications()
        await pilot.press("C")
        await wait_until(pilot, lambda: any("日历已写入" in n for n in notices(app)),
                         "the second notice")
        again = icalendar.Calendar.from_ical(target.read_bytes())
        assert {str(e["uid"]) for e in again.walk("VEVENT")} == first
    assert "plan_calendar" in BINDING_IDS


async def test_c_leaves_a_foreign_file_alone(tmp_path, demo_template, config):
    target = tmp_path / "reports" / "workbench.ics"
    target.parent.mkdir()
    target.write_text("someone's own file", "utf-8")
    app = on_demo(tmp_path, demo_template, config, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("C")
        await wait_until(pilot, lambda: any("is not a calendar" in n for n in notices(app)),
                         "the refusal")
        assert app.is_running
    assert target.read_text("utf-8") == "someone's own file"


async def test_the_palette_finds_it_without_an_ime(tmp_path, demo_template, config):
    app = on_demo(tmp_path, demo_template, config, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")  # from another screen: the palette brings the plan back
        await run_from_palette(pilot, "rili")
        await wait_until(pilot, lambda: any("日历已写入" in n for n in notices(app)),
                         "the calendar's notice")
        assert (tmp_path / "reports" / "workbench.ics").exists()
