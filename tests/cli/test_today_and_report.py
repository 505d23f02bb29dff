"""``workbench today`` in a shell (no keys to press) and ``report week`` writing its file."""

from __future__ import annotations

from tests.conftest import TODAY, copy_database
from workbench import cli
from workbench.assessment import journal
from workbench.plan import documents as plan_documents
from workbench.storage import open_db


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def demo(tmp_path, demo_template):
    path = tmp_path / "wb.db"
    copy_database(demo_template, path)
    return path


def test_today_shows_the_morning_score_once_given(tmp_path, demo_template, capsys):
    path = demo(tmp_path, demo_template)
    base = ("today", "--db", str(path), "--today", TODAY.isoformat(), "--lang", "en")
    _, out, _ = run(capsys, *base)
    assert "No morning score yet" in out and "score: " not in out
    db = open_db(path)
    journal.rate_mood(db, TODAY, 82, "", TODAY)
    db.close()
    _, out, _ = run(capsys, *base)
    assert "Today's morning score: 82/100" in out and "No morning score yet" not in out
    _, out, _ = run(capsys, *base[:-1], "zh")
    assert "今天的早晨打分:82 分" in out


def test_today_names_the_command_for_the_rest_never_a_key(tmp_path, demo_template, capsys,
                                                          monkeypatch):
    path = demo(tmp_path, demo_template)
    monkeypatch.setattr(plan_documents, "DOC_LIMIT", 1)
    base = ("today", "--db", str(path), "--today", TODAY.isoformat(), "--lang", "en")
    _, out, _ = run(capsys, *base)
    assert "Enter" not in out
    assert "more (workbench today --all lists them all)" in out
    cut = out.count("\n")
    _, out, _ = run(capsys, *base, "--all")
    assert "more (" not in out and out.count("\n") > cut
    _, out, _ = run(capsys, *base[:-1], "zh")
    assert "回车" not in out and "workbench today --all 列出全部" in out


def test_report_week_without_out_writes_the_file_the_app_writes(tmp_path, demo_template,
                                                                  capsys):
    path = demo(tmp_path, demo_template)
    base = ("report", "week", "--db", str(path), "--today", TODAY.isoformat(), "--lang", "en")
    code, out, _ = run(capsys, *base)
    target = tmp_path / "reports" / "weekly-2026-W48.md"
    assert code == 0 and str(target) in out
    assert "weekly report 2026-W48" in target.read_text("utf-8-sig")
    assert target.stat().st_mode & 0o777 == 0o600
    before = target.read_bytes()
    code, _, err = run(capsys, *base)  # never replaced without --force
    assert code == 1 and "--force" in err and target.read_bytes() == before
    assert run(capsys, *base, "--force")[0] == 0
    code, out, _ = run(capsys, *base, "--out", "-")  # the terminal, when asked
    assert code == 0 and "weekly report 2026-W48" in out
    code, out, _ = run(capsys, *base, "--format", "xlsx")
    assert code == 0 and (tmp_path / "reports" / "weekly-2026-W48.xlsx").exists()
    code, _, err = run(capsys, *base, "--format", "xlsx", "--out", "-")
    assert code == 2 and "cannot go to the terminal" in err
