"""A database is never read as an import sheet nor replaced by an export.

Reading the app's own file as a sheet would open it outside SQLite while the app holds
it (closing that descriptor drops SQLite's locks); writing a report ``--force`` over it
would replace the register with a spreadsheet. Both are refused in one line, nothing
read or changed.
"""

from __future__ import annotations

import pytest

from workbench.core.errors import WorkbenchError
from workbench.review.reports import write_file
from workbench.roster.sheets import read_table
from workbench.storage import open_db


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "wb.db"
    open_db(path).close()
    return path


def test_the_database_is_not_read_as_a_sheet(database):
    with pytest.raises(WorkbenchError, match="is a database"):
        read_table(database)


def test_an_export_never_replaces_a_database(database):
    before = database.read_bytes()
    with pytest.raises(WorkbenchError, match="is a database"):
        write_file(database, b"week,figures\n", force=True)
    assert database.read_bytes() == before


def test_an_export_still_replaces_its_own_earlier_file_and_an_empty_one(tmp_path):
    for name, content in (("weekly.csv", b"old,report\n"), ("empty.csv", b"")):
        target = tmp_path / name
        target.write_bytes(content)
        write_file(target, b"new\n", force=True)
        assert target.read_bytes() == b"new\n"


def test_the_command_line_refuses_to_write_a_report_over_the_database(database, capsys):
    from workbench.cli import main

    before = database.read_bytes()
    code = main(["report", "week", "--db", str(database), "--out", str(database), "--force",
                 "--lang", "en"])
    assert code != 0 and "is a database" in capsys.readouterr().err
    assert database.read_bytes() == before
