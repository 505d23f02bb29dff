"""The command line: one clear line and a non-zero exit on every error, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from workbench import cli, storage
from workbench.core import db as dbmod


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_demo_writes_a_database_that_check_accepts(tmp_path, capsys):
    path = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo", str(path), "--today", "2026-11-27", "--lang", "en")
    assert code == 0 and "Demo database written" in out
    code, out, _ = run(capsys, "check", "--db", str(path), "--lang", "en")
    assert code == 0 and "intact" in out
    database = storage.open_db(path)
    assert database.execute("SELECT count(*) FROM outlets").fetchone()[0] == 15
    assert database.execute("SELECT count(*) FROM staff").fetchone()[0] >= 60
    database.close()


def test_demo_is_deterministic(tmp_path, capsys):
    def dump(path):
        database = storage.open_db(path)
        rows = database.execute("SELECT code, name, address FROM outlets ORDER BY id").fetchall()
        database.close()
        return rows

    for name in ("a.db", "b.db"):
        run(capsys, "demo", str(tmp_path / name), "--today", "2026-11-27")
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_demo_never_overwrites_a_file(tmp_path, capsys):
    path = tmp_path / "mine.db"
    path.write_bytes(b"precious")
    code, _, err = run(capsys, "demo", str(path), "--lang", "en")
    assert code == 1 and "never overwrites" in err
    assert path.read_bytes() == b"precious"


def test_demo_mode_uses_its_own_file(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "demo_db_path", lambda: tmp_path / "demo" / "demo.db")
    from workbench.core.config import Config

    path = cli._fresh_demo(Config(), cli._today("2026-11-27"))
    assert path == tmp_path / "demo" / "demo.db" and path.exists()
    assert path != dbmod.default_db_path()
    # A second launch rebuilds it rather than failing on the existing file.
    assert cli._fresh_demo(Config(), cli._today("2026-11-27")) == path


def test_errors_are_one_line(tmp_path, capsys):
    cases = [
        (["--today", "2026-02-30", "check"], 2, "not a real date"),
        (["check", "--db", str(tmp_path / "nothing.db")], 1, "No database"),
        (["frobnicate"], 2, "invalid choice"),
        (["check", "--db", str(tmp_path / "no" / "dir" / "x.db")], 1, "No database"),
    ]
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    cases.append((["check", "--db", str(junk)], 1, "not an SQLite file"))
    for args, expected, needle in cases:
        code, _, err = run(capsys, "--lang", "en", *args)
        assert code == expected, args
        assert needle in err and err.count("\n") == 1, err


def test_python_dash_m_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "workbench", "--lang", "en", "check", "--db",
                             str(tmp_path / "x.db")], capture_output=True, text=True)
    assert result.returncode == 1 and "No database" in result.stderr
