"""Names are stored with their full pinyin (issue #15): written ones at once, those of a
file written before by the migration step ``m004_full_pinyin``; a new empty file opens
without loading pypinyin."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

from tests.safety.test_released_files import released_copy
from workbench.core.text import search_keys
from workbench.roster import outlets, staff
from workbench.storage import open_db


def test_a_written_name_is_stored_with_initials_then_full_pinyin(db, config):
    at = datetime(2026, 11, 27, 9)
    outlet = outlets.add_outlet(db, outlets.OutletDraft(code="BOC-1", name="中国银行北京分行"),
                                list(config.visits.cadence_days), at)
    stored = db.execute("SELECT initials FROM outlets WHERE id = ?", [outlet]).fetchone()[0]
    assert stored.split()[0] == "zgyhbjfh"
    assert "zhongguoyinhangbeijingfenhang" in stored.split()
    staff.add_staff(db, outlet, staff.StaffDraft(name="谢涛", role="teller"),
                    list(config.staff.roles), at)
    assert db.execute("SELECT initials FROM staff").fetchone()[0] == "xt xietao"


def test_a_released_file_gains_full_pinyin_for_every_name(tmp_path):
    path = released_copy(tmp_path)
    db = open_db(path)
    try:
        for table in ("outlets", "staff"):
            rows = db.execute(f"SELECT name, initials FROM {table}").fetchall()
            assert rows
            for name, keys in rows:
                assert keys == search_keys(name), name
    finally:
        db.close()


def test_a_new_file_opens_without_pypinyin(tmp_path):
    code = ("import sys; from workbench.storage import open_db; "
            f"open_db({str(tmp_path / 'new.db')!r}).close(); "
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
