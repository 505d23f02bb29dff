"""Privacy: every file the app and the command line create is owner-only, every folder
they create is 0700, and nothing is written outside the database's folder and the places
the user names (--out, a backup PATH)."""

from __future__ import annotations

import os

from tests.conftest import TODAY, wait_ready
from workbench.app import WorkbenchApp
from workbench.cli import main
from workbench.core.config import Config


def every_path(root):
    return {p.relative_to(root) for p in root.rglob("*")}


async def test_nothing_is_written_outside_the_chosen_folders(tmp_path, monkeypatch, capsys):
    home, cwd, data, out = (tmp_path / n for n in ("home", "cwd", "data", "out"))
    for folder in (home, cwd, data, out):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.chdir(cwd)
    db = data / "wb.db"
    sheet = out / "outlets.csv"
    sheet.write_text("网点代码,网点名称\nA1,建设银行\n", encoding="utf-8")
    os.chmod(sheet, 0o600)
    base = ["--db", str(db), "--lang", "en", "--today", TODAY.isoformat()]
    for argv in (["import", "outlets", str(sheet)], ["check"], ["backup"],
                 ["backup", str(out / "copy.db")], ["today"],
                 ["report", "week", "--out", str(out / "week.md")],
                 ["report", "week", "--format", "xlsx", "--out", str(out / "week.xlsx")],
                 ["export", "register", "--outlet", "A1", "--out", str(out / "book.csv"),
                  "--format", "csv"]):
        assert main([*argv, *base]) == 0, (argv, capsys.readouterr().err)
    app = WorkbenchApp(db_path=db, config=Config(), today=TODAY, language="en",
                       daily_backup=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w", "m")  # the week screen's Markdown export
        await pilot.pause()
    assert every_path(home) == set() and every_path(cwd) == set()
    made = every_path(data)
    assert any(p.parts[0] == "backups" and "daily" in p.name for p in made), made
    assert any(p.parts[0] == "reports" for p in made), made
    for root in (data, out):
        for path in root.rglob("*"):
            mode = path.stat().st_mode & 0o777
            assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert {p.name for p in out.iterdir()} == {"outlets.csv", "copy.db", "week.md",
                                               "week.xlsx", "book.csv"}
