"""The three branch files (tests/fixtures/branch, GB18030) through the command line, as a
new user runs them: outlets, staff, customers, each exit 0 and every row in."""

from __future__ import annotations

from pathlib import Path

from workbench.cli import main
from workbench.storage import open_db

BRANCH = Path(__file__).resolve().parents[1] / "fixtures" / "branch"


def test_the_branch_files_import_from_the_command_line(db_path, capsys):
    assert main(["import", "outlets", str(BRANCH / "outlets.csv"), "--db", str(db_path)]) == 0
    assert main(["import", "staff", str(BRANCH / "staff.csv"), "--db", str(db_path)]) == 0
    assert main(["customers", "import", str(BRANCH / "customers.csv"),
                 "--db", str(db_path)]) == 0
    db = open_db(db_path)
    try:
        counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("outlets", "staff", "customers")]
    finally:
        db.close()
    assert counts == [15, 40, 30]
