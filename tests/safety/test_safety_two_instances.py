"""Two instances on one file: ``workbench import`` from the command line while another
instance writes records; both finish, nothing is lost, neither fails on the lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workbench.core.db import integrity_problems
from workbench.storage import open_db

TESTS = Path(__file__).parent
SRC = TESTS.parents[1] / "src"


def test_cli_import_while_another_instance_writes(tmp_path):
    db_path = tmp_path / "shared.db"
    open_db(db_path).close()
    sheet = tmp_path / "outlets.csv"
    sheet.write_text("网点代码,网点名称\n" + "".join(f"IMP{i:05d},网点{i}\n" for i in range(3000)),
                     encoding="utf-8-sig")
    env = {**os.environ, "PYTHONPATH": str(SRC)}  # this checkout's code
    writer = subprocess.Popen([sys.executable, str(TESTS / "crash_writer.py"), str(db_path),
                               "W", "50", "10"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env)
    importer = subprocess.Popen([sys.executable, "-m", "workbench", "--db", str(db_path),
                                 "--lang", "en", "import", "outlets", str(sheet)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
    w_out, w_err = writer.communicate(timeout=300)
    i_out, i_err = importer.communicate(timeout=300)
    assert writer.returncode == 0, w_err
    assert importer.returncode == 0, i_err
    assert w_out.count("committed") == 50
    assert "3000 added" in i_out
    db = open_db(db_path)
    try:
        assert integrity_problems(db) == []
        count = db.execute("SELECT count(*) FROM outlets WHERE code LIKE 'W%'").fetchone()[0]
        assert count == 500
        count = db.execute("SELECT count(*) FROM outlets WHERE code LIKE 'IMP%'").fetchone()[0]
        assert count == 3000
    finally:
        db.close()


async def test_the_screen_in_view_shows_what_a_command_line_import_wrote(tmp_path, config):
    """The roster open while ``workbench import`` adds outlets beside it: the new outlets
    show without a key pressed (they showed only after a switch to another screen and
    back)."""
    from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
    from workbench.app import WorkbenchApp
    from workbench.cli import main

    db_path = tmp_path / "shared.db"
    open_db(db_path).close()
    sheet = tmp_path / "outlets.csv"
    sheet.write_text("网点代码,网点名称\nCLI1,工行旁边导入支行\n", encoding="utf-8-sig")
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        assert main(["--db", str(db_path), "--lang", "en", "import", "outlets",
                     str(sheet)]) == 0  # another connection: as another process writes

        def shown() -> bool:
            table = app.screen.query_one("#roster")
            return any("CLI1" in str(cell) for row in range(table.row_count)
                       for cell in table.get_row_at(row))

        await wait_until(pilot, shown, "the outlet imported beside the app")
