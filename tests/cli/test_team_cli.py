"""``workbench key``, ``bundle`` and ``team …`` through ``cli.main``: the issue's "done
when" with three managers, one line per result, exit codes, and Chinese."""

from __future__ import annotations

import io
import sqlite3
import stat

import pytest

from tests.team_helpers import build_manager
from workbench import cli


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return code, out.out, out.err


@pytest.fixture
def managers(tmp_path):
    """Three managers: a file and a config (with the manager's name) each."""
    for n in (1, 2, 3):
        build_manager(tmp_path / f"m{n}.db", n)
        folder = tmp_path / f"c{n}"
        folder.mkdir()
        (folder / "config.toml").write_text(f'[manager]\nname = "经理{n}"\ngrade = 10\n')
    return tmp_path


def manager_args(tmp, n):
    return ["--db", str(tmp / f"m{n}.db"), "--config", str(tmp / f"c{n}" / "config.toml"),
            "--today", "2026-11-27"]


def test_done_when_three_managers(capsys, managers, monkeypatch):
    tmp = managers
    team = ["--team", str(tmp / "team.db")]
    bundles = []
    for n in (1, 2, 3):
        code, out, _ = run(capsys, "key", "--config", str(tmp / f"c{n}" / "config.toml"))
        assert code == 0 and "Fingerprint" in out
        assert stat.S_IMODE((tmp / f"c{n}" / "team-key.pem").stat().st_mode) == 0o600
        public = out.split("once): ")[1].split()[0]
        code, out, _ = run(capsys, "team", "add-manager", f"经理{n}", public, *team)
        assert code == 0 and f"经理{n}" in out
        target = tmp / f"b{n}.zip"
        code, out, _ = run(capsys, "bundle", "--week", "2026-W47", "--out", str(target),
                           *manager_args(tmp, n))
        assert code == 0 and "2026-W47" in out and target.exists()
        bundles.append(str(target))
    code, out, err = run(capsys, "team", "merge", *bundles, *team, "--lang", "zh")
    assert code == 0 and err == "" and out.count("已合并") == 3
    code, out, _ = run(capsys, "team", "merge", bundles[0], *team)
    assert code == 0 and "nothing to do" in out
    code, out, _ = run(capsys, "team", "list", *team, "--lang", "zh")
    assert code == 0 and out.count("最近一周 2026-W47") == 3
    # The password from standard input (a pipe), then serve refuses a bad port (exit 2).
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    code, out, _ = run(capsys, "team", "password", *team)
    assert code == 0 and (tmp / "team.db.login").exists()
    assert stat.S_IMODE((tmp / "team.db.login").stat().st_mode) == 0o600
    code, _, err = run(capsys, "team", "serve", "--port", "70000", *team)
    assert code == 2 and "65535" in err


def test_a_file_edited_with_the_sqlite3_shell(capsys, managers):
    tmp = managers
    conn = sqlite3.connect(tmp / "m2.db")
    conn.execute("DROP TRIGGER deliveries_no_update_signed")
    conn.execute("UPDATE deliveries SET customer = '别人' WHERE policy_no = 'Q18'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "bundle", "--week", "2026-W47", "--out",
                         str(tmp / "b.zip"), *manager_args(tmp, 2), "--lang", "zh")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "第 1 号签收" in err and not (tmp / "b.zip").exists()


def test_merge_refusal_is_one_line_and_exit_1(capsys, managers):
    tmp = managers
    team = ["--team", str(tmp / "team.db")]
    code, out, _ = run(capsys, "key", "--config", str(tmp / "c1" / "config.toml"))
    run(capsys, "team", "add-manager", "经理1", out.split("once): ")[1].split()[0], *team)
    (tmp / "junk.zip").write_bytes(b"junk")
    run(capsys, "bundle", "--week", "2026-W47", "--out", str(tmp / "b1.zip"),
        *manager_args(tmp, 1))
    code, out, err = run(capsys, "team", "merge", str(tmp / "junk.zip"), str(tmp / "b1.zip"),
                         *team)
    assert code == 1
    assert err.count("\n") == 1 and "junk.zip" in err
    assert "Merged 经理1" in out  # the good bundle after it still went in


@pytest.mark.parametrize(("args", "needle"), [
    (["team", "merge", "x.zip"], "No team database"),
    (["team", "serve"], "No team database"),
    (["bundle", "--week", "2026-W60"], "2026-W60 does not exist"),
    (["bundle", "--week", "2026-W52"], "has not started yet"),
    (["team", "add-manager", "某人", "not-a-key"], "Not a valid public key"),
])
def test_bad_input_is_one_line(capsys, tmp_path, args, needle):
    extra = (["--team", str(tmp_path / "team.db")] if args[0] == "team" else
             ["--db", str(tmp_path / "none.db"), "--config", str(tmp_path / "c.toml"),
              "--today", "2026-11-27"])
    if args[0] == "bundle":
        (tmp_path / "c.toml").write_text("")
    code, _, err = run(capsys, *args, *extra)
    assert code in (1, 2) and needle in err and err.count("\n") == 1


def test_password_too_short(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = run(capsys, "team", "password", "--team", str(tmp_path / "t.db"))
    assert code == 1 and "8 characters" in err


def test_the_default_team_database_is_made_in_the_data_folder(capsys, tmp_path,
                                                             monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # not there yet
    code, _, err = run(capsys, "team", "list")
    assert code == 1 and "No team database" in err
    from workbench.team import keys
    from workbench.team.schema import open_team

    open_team(tmp_path / "data" / "workbench" / "team.db").close()
    code, out, _ = run(capsys, "team", "list")
    assert code == 0 and "No manager registered yet" in out

    public = keys.public_hex(keys.load_or_create(tmp_path / "k")[0])
    code, out, _ = run(capsys, "team", "add-manager", "王芳", public)
    assert code == 0 and (tmp_path / "data" / "workbench" / "team.db").exists()
    code, out, _ = run(capsys, "team", "list")
    assert code == 0 and "王芳" in out


@pytest.mark.parametrize(("make", "needle"), [
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_text("127.0.0.1 localhost\n" * 50), "not an SQLite file"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)"), "not a workbench database"),
])
def test_a_file_no_bundle_can_be_made_of(capsys, tmp_path, make, needle):
    path = tmp_path / "x.db"
    make(path)
    (tmp_path / "c.toml").write_text("")
    code, out, err = run(capsys, "bundle", "--db", str(path), "--config",
                         str(tmp_path / "c.toml"), "--out", str(tmp_path / "b.zip"))
    assert code == 1 and needle in err and err.count("\n") == 1
    assert not (tmp_path / "b.zip").exists()


def test_a_file_not_upgraded_yet(capsys, managers):
    tmp = managers
    conn = sqlite3.connect(tmp / "m1.db")
    conn.execute("DELETE FROM _sqlite_migrations WHERE rowid = "
                 "(SELECT max(rowid) FROM _sqlite_migrations)")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "bundle", "--week", "2026-W47", "--out", str(tmp / "b.zip"),
                       *manager_args(tmp, 1))
    assert code == 1 and "not upgraded yet" in err


def test_a_managers_own_file_is_never_taken_for_the_team_database(capsys, managers):
    tmp = managers
    before = (tmp / "m1.db").read_bytes()
    code, _, err = run(capsys, "team", "add-manager", "某人", "ab" * 32, "--team",
                       str(tmp / "m1.db"))
    assert code == 1 and "not a team database" in err
    code, _, err = run(capsys, "team", "serve", "--team", str(tmp / "m1.db"))
    assert code == 1 and "not a team database" in err
    assert (tmp / "m1.db").read_bytes() == before


def test_without_the_team_extra_one_line_says_how_to_install_it(capsys, tmp_path,
                                                               monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "cryptography" else real(name, *a))
    (tmp_path / "c.toml").write_text("")
    code, _, err = run(capsys, "key", "--config", str(tmp_path / "c.toml"))
    assert code == 1 and "workbench[team]" in err
