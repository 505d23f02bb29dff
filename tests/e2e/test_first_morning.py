"""A new user's first morning, and the everyday sequence that once broke the file.

The installed ``workbench`` in a real pseudo-terminal, a fresh HOME, the branch's own
files (GB18030 CSV with the headers a bank keeps, ``tests/fixtures/branch``). Keys are sent
as a person types them and each step waits for the screen to show its result.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from tests.e2e.terminal import Terminal

BRANCH = Path(__file__).resolve().parents[1] / "fixtures" / "branch"
ESC, CTRL_S = "\x1b", "\x13"
MORNING = "2026-12-08"


def counts(db: Path) -> dict[str, int | str]:
    conn = sqlite3.connect(db)
    try:
        found: dict[str, int | str] = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("outlets", "staff", "customers")}
        found["quick_check"] = conn.execute("PRAGMA quick_check").fetchone()[0]
        return found
    finally:
        conn.close()


def import_in_app(term: Terminal, keys: str, title: str, sheet: Path, added: str) -> None:
    """Open an import with ``keys``, type the file's path, Enter, wait for the result,
    then Esc back to the list."""
    term.send(keys)
    term.expect(title)
    term.send(str(sheet) + "\r")
    term.expect(added)
    term.send(ESC)
    term.expect_gone(added)  # the dialog closed (its title may be in the list's hint)


def workbench_check(workbench_bin: Path, env: dict[str, str], *db: str) -> None:
    done = subprocess.run([str(workbench_bin), *db, "check", "--lang", "en"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_first_morning_from_nothing_to_a_filled_plan(workbench_bin, fresh_home):
    """No --db: the guide, then the outlet, staff and customer lists a branch keeps,
    imported inside the app, fill the plan."""
    day = ["--today", MORNING]  # the branch files' dates are around it
    with Terminal([str(workbench_bin), "--lang", "zh", *day], fresh_home,
                  size=(100, 30)) as term:
        term.expect("还没有网点")
        term.send("f")
        term.expect("姓名")
        term.send("王晓明" + CTRL_S)
        term.expect("导入网点清单")  # the guide goes on to the outlet list
        term.send(str(BRANCH / "outlets.csv") + "\r")
        term.expect("新增 15 条")
        term.send(ESC)
        term.expect("到期拜访(15)")
        term.expect("王晓明")  # the header names the manager
        term.send("2")
        term.expect("共 15 个网点")
        import_in_app(term, "U", "导入网点人员清单", BRANCH / "staff.csv", "新增 40 条")
        term.send("6")
        term.expect("客户")
        import_in_app(term, "u", "导入客户清单", BRANCH / "customers.csv", "新增 30 条")
        term.expect("30 位客户")
        term.send("1")
        term.expect("到期拜访(15)")
        term.send("q")
        assert term.wait_exit() == 0
    plan = subprocess.run([str(workbench_bin), "today", "--all", "--lang", "zh", *day],
                          env=fresh_home, capture_output=True, text=True, timeout=120)
    assert "到期拜访(15)" in plan.stdout
    assert "待确认同意联系" in plan.stdout  # a list without consent: no call, consent to record
    db = Path(fresh_home["HOME"]) / ".local" / "share" / "workbench" / "workbench.db"
    assert counts(db) == {"outlets": 15, "staff": 40, "customers": 30, "quick_check": "ok"}
    workbench_check(workbench_bin, fresh_home)
    config = Path(fresh_home["HOME"]) / ".config" / "workbench" / "config.toml"
    assert "王晓明" in config.read_text(encoding="utf-8")


def test_the_everyday_sequence_leaves_the_file_whole(workbench_bin, fresh_home, tmp_path,
                                                     request):
    """The app open on a new file with its outlets imported inside it; the staff list
    imported from the command line beside it; customers imported inside the app; quit.
    It once left a malformed file with the customers lost. ``--slow``: 20 times."""
    for n in range(20 if request.config.getoption("--slow") else 2):
        db = tmp_path / f"new{n}.db"
        argv = [str(workbench_bin), "--db", str(db), "--lang", "zh"]
        with Terminal(argv, fresh_home, size=(100, 30)) as term:
            term.expect("还没有网点")
            term.send("2")
            term.expect("网点")
            import_in_app(term, "u", "导入网点清单", BRANCH / "outlets.csv", "新增 15 条")
            term.expect("共 15 个网点")
            beside = subprocess.run([str(workbench_bin), "--db", str(db), "--lang", "zh",
                                     "import", "staff", str(BRANCH / "staff.csv"),
                                     "--skip-invalid"], env=fresh_home, capture_output=True,
                                    text=True, timeout=120)
            assert beside.returncode == 0, beside.stderr
            term.send("6")
            term.expect("客户")
            import_in_app(term, "u", "导入客户清单", BRANCH / "customers.csv", "新增 30 条")
            term.expect("30 位客户")
            term.send("q")
            assert term.wait_exit() == 0, term.text()
        assert counts(db) == {"outlets": 15, "staff": 40, "customers": 30,
                              "quick_check": "ok"}, f"round {n}"
        workbench_check(workbench_bin, fresh_home, "--db", str(db))

