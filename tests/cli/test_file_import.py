"""The one import run (``commands.file_import``): a file refused before the database
is opened creates nothing; the errors shown stop at 20 with a count of the rest; rows
with errors keep the file out unless skipping them was asked for."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY
from workbench.commands.file_import import run_file_import
from workbench.core.errors import ValidationError
from workbench.roster.importer import MAX_SHOWN_ERRORS, ImportSummary, RowError


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("code,name\nA1,网点\n", encoding="utf-8")
    return path


def refuse(rows):
    raise ValidationError("file", "import.unknown_columns", columns="x")


def test_a_refused_file_creates_no_database(tmp_path, sheet):
    db_path = tmp_path / "never.db"
    with pytest.raises(ValidationError):
        run_file_import(db_path, sheet, TODAY, check=refuse,
                        write=lambda db, rows, now: ImportSummary(1, 0, 0))
    assert not db_path.exists()


def failing(bad: int):
    errors = tuple(RowError(row + 2, "code", "error.required") for row in range(bad))
    return lambda db, rows, now: ImportSummary(0, 0, bad, errors)


@pytest.mark.parametrize("bad", [MAX_SHOWN_ERRORS, MAX_SHOWN_ERRORS + 1])
def test_errors_shown_up_to_the_limit_then_counted(tmp_path, sheet, capsys, bad):
    found = run_file_import(tmp_path / "a.db", sheet, TODAY, check=lambda rows: None,
                            write=failing(bad), failed_key="target.import.failed")
    assert found is None
    err = capsys.readouterr().err.splitlines()
    assert sum("Row " in line or "row " in line for line in err) == MAX_SHOWN_ERRORS
    more = [line for line in err if "more error" in line]
    assert more == (["... and 1 more error(s)"] if bad > MAX_SHOWN_ERRORS else [])
    assert err[-1].startswith("workbench: ") and "nothing was imported" in err[-1]


def test_skipping_invalid_rows_gives_the_summary(tmp_path, sheet, capsys):
    found = run_file_import(tmp_path / "a.db", sheet, TODAY, check=lambda rows: None,
                            write=failing(1), skip_invalid=True)
    assert found is not None and found.bad_rows == 1
    assert "nothing was imported" not in capsys.readouterr().err
