"""Several processes on one file, as a user's day has them: the app open and writing, the
command line importing and backing up beside it.

Each command-line run must leave the app's WAL in place (the app is still connected: only
the last connection may checkpoint and delete it), and at the end every row written by
every process is in a file that ``workbench check`` passes. Before the fix, a raw
``open()``/``close()`` of the file in the app's process (its header read when a second
connection opened) dropped the app's locks: the next command-line run deleted the WAL
under the app and the app's next open called the file damaged.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Holder:
    """The app-like process of ``file_holder``: one command, one answer."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.file_holder", str(path)], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def ask(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        assert answer, f"the app-like process ended on {command!r}"
        return answer

    def step(self, command: str) -> tuple[int, bool]:
        answer = self.ask(command)
        assert answer.startswith("ok "), f"{command!r}: {answer}"
        _, count, wal = answer.split()
        return int(count), wal == "1"

    def quit(self) -> list[str]:
        answer = self.ask("quit")
        self.proc.wait(timeout=60)
        return json.loads(answer.removeprefix("raw "))


def run(workbench_bin: Path, env: dict[str, str], db: Path, *args: str) -> str:
    done = subprocess.run([str(workbench_bin), "--db", str(db), "--lang", "en", *args],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done.stdout


def outlet_sheet(path: Path, first: int, count: int) -> Path:
    lines = ["网点代码,网点名称,备注"] + [f"CLI{i},农行{i}支行,{'备注' * 40}"
                                         for i in range(first, first + count)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    return path


def customer_sheet(path: Path, batch: int, count: int) -> Path:
    """A branch's customer list: 客户姓名, 手机号, 到期金额(万元), 存款到期日 as 2027/1/8."""
    lines = ["客户姓名,手机号,到期金额(万元),存款到期日"] + [
        f"客户{batch}号{i},139{batch:04d}{i:04d},{5 + i},2027/1/{1 + i}" for i in range(count)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    return path


def customers(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    finally:
        conn.close()


def sound(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM outlets").fetchone()[0])
    finally:
        conn.close()


FIRST = 5  # outlets on the file before the app opens it


def started(workbench_bin: Path, env: dict[str, str], folder: Path) -> tuple[Path, Holder]:
    """A file with its first outlets imported from the command line, held by the app."""
    db = folder / "work.db"
    run(workbench_bin, env, db, "import", "outlets",
        str(outlet_sheet(folder / "first.csv", 0, FIRST)))
    return db, Holder(db, env)


@pytest.mark.parametrize("rounds", [3])
def test_command_line_writes_beside_the_open_app_keep_its_file(
        workbench_bin, fresh_home, tmp_path, rounds):
    db, holder = started(workbench_bin, fresh_home, tmp_path)
    expected, cli = FIRST, FIRST
    try:
        for r in range(rounds):
            count, _ = holder.step("write 20")
            expected += 20
            count, _ = holder.step("import 10")  # the in-app import's own connection
            expected += 10
            assert count == expected
            run(workbench_bin, fresh_home, db, "import", "outlets",
                str(outlet_sheet(tmp_path / f"r{r}.csv", cli, 30)))
            cli += 30
            expected += 30
            run(workbench_bin, fresh_home, db, "backup", str(tmp_path / f"copy{r}.db"))
            count, wal = holder.step("write 5")
            expected += 5
            assert wal, f"round {r}: the app's WAL was deleted while it was connected"
            assert count == expected, f"round {r}: the app sees {count} of {expected} outlets"
    finally:
        raw = holder.quit()
    assert raw == [], f"the app's process opened its database outside SQLite: {raw}"
    assert sound(db) == ("ok", expected)
    check = subprocess.run([str(workbench_bin), "--db", str(db), "--lang", "en", "check"],
                           env=fresh_home, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_stress_the_app_and_command_line_writers_and_readers_at_once(
        workbench_bin, fresh_home, tmp_path, request):
    """Rounds of everything at once: the app-like process writing, importing and reading
    while command-line outlet and customer imports, backups, plans and checks run beside
    it; after each round
    the file is sound and holds every row. ``pytest --slow`` runs the long loop."""
    rounds = 30 if request.config.getoption("--slow") else 4
    db, holder = started(workbench_bin, fresh_home, tmp_path)
    expected, cli = FIRST, FIRST
    try:
        for r in range(rounds):
            sheet = outlet_sheet(tmp_path / f"r{r}.csv", cli, 25)
            cli += 25
            people = customer_sheet(tmp_path / f"c{r}.csv", r, 10)
            commands = [["import", "outlets", str(sheet)], ["customers", "import", str(people)],
                        ["backup", str(tmp_path / f"b{r}.db")], ["today"], ["check"]]
            running = [subprocess.Popen([str(workbench_bin), "--db", str(db), "--lang", "en",
                                         *command], env=fresh_home, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                       for command in commands]
            for step in ("write 10", "import 5", "write 3"):
                holder.step(step)
            expected += 18 + 25
            for command, proc in zip(commands, running, strict=True):
                out, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, f"round {r}, {command[0]}: {out}{err}"
            count, wal = holder.step("write 1")
            expected += 1
            assert wal and count == expected, f"round {r}: {count} of {expected}, WAL {wal}"
            assert sound(db) == ("ok", expected), f"round {r}"
            assert customers(db) == 10 * (r + 1), f"round {r}"
    finally:
        raw = holder.quit()
    assert raw == []
    assert sound(db) == ("ok", expected)
