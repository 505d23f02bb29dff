"""An app session never opens its own database file (or its -wal / -shm) outside SQLite.

Closing any descriptor of a file drops every POSIX lock the process holds on it: another
process may then checkpoint and delete the WAL under the app (SQLite's "How To Corrupt An
SQLite Database File", 2.2). An audit hook sees every ``open``, rename and removal made by
Python code in this process (SQLite's own are not Python's); a morning's session — start-up
with the day's backup, every screen, an in-app import, the weekly report, the calendar —
must cause none on the file.
"""

from __future__ import annotations

from tests.conftest import TODAY, copy_database, wait_loaded, wait_ready, wait_until
from tests.file_audit import file_audit
from workbench.app import WorkbenchApp


async def test_a_morning_session_never_opens_the_file_outside_sqlite(demo_template, tmp_path,
                                                                       config):
    path = tmp_path / "wb.db"
    copy_database(demo_template, path)
    sheet = tmp_path / "outlets.csv"
    sheet.write_bytes("网点代码,网点名称\r\nNEW1,工行新开支行\r\n".encode("gb18030"))
    audit = file_audit()
    audit.watch(path)
    try:
        app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="zh",
                           daily_backup=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(app, pilot)
            for key in "23465":
                await pilot.press(key)
                await wait_loaded(pilot)
            await pilot.press("m")  # the weekly report (on the week, 5), beside the file
            await wait_until(pilot, lambda: any(tmp_path.rglob("weekly-*.md")),
                             "the weekly report")
            await pilot.press("1", "C")  # the calendar file
            await wait_until(pilot, lambda: any(tmp_path.rglob("*.ics")), "the calendar")
            await pilot.press("2", "u")
            await pilot.pause()
            await pilot.press(*str(sheet))
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.db.execute(
                "SELECT count(*) FROM outlets WHERE code = 'NEW1'").fetchone()[0] == 1,
                "the in-app import")
    finally:
        audit.stop()
    assert audit.seen == []
