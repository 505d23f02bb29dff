"""``team merge``: what is accepted, and every refusal writing nothing, named in one line."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from tests.team_helpers import (
    WEEK,
    build_manager,
    dump,
    edit_snapshot,
    make_bundle,
    members,
    public_key,
    repack,
    resign,
)
from workbench.core.errors import WorkbenchError
from workbench.team import bundle, merge, schema

NOW = datetime(2026, 11, 27, 10, 0)


@pytest.fixture
def team(tmp_path):
    """Three managers' files and keys, all three registered in a fresh team database."""
    db = schema.open_team(tmp_path / "team.db")
    for n in (1, 2, 3):
        build_manager(tmp_path / f"m{n}.db", n)
        merge.add_manager(db, f"经理{n}", public_key(tmp_path / f"k{n}"), NOW)
    yield tmp_path, db
    db.close()


def bundle_file(tmp_path, n: int, data: bytes | None = None, week=WEEK, name: str = "") -> object:
    path = tmp_path / (name or f"b{n}-{week.label}.zip")
    path.write_bytes(data if data is not None else make_bundle(
        tmp_path / f"m{n}.db", n, tmp_path / f"k{n}", week=week))
    return path


def refused(db, path) -> str:
    before = dump(db)
    with pytest.raises(WorkbenchError) as caught:
        merge.merge(db, path, NOW)
    assert dump(db) == before  # nothing written
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_accepted_rows_carry_the_manager_and_the_head_is_kept(team):
    tmp, db = team
    for n in (1, 2, 3):
        done = merge.merge(db, bundle_file(tmp, n), NOW)
        assert not done.replay and done.manager == f"经理{n}"
    assert db.execute("SELECT manager, count(*) FROM outlets GROUP BY manager").fetchall() == [
        ("经理1", 2), ("经理2", 2), ("经理3", 3)]
    heads = db.execute("SELECT manager, week, ledger_seq, signoff_count, accepted_at "
                       "FROM team_heads ORDER BY manager").fetchall()
    assert heads == [("经理1", "2026-W47", 0, 0, "2026-11-27 10:00:00"),
                     ("经理2", "2026-W47", 1, 1, "2026-11-27 10:00:00"),
                     ("经理3", "2026-W47", 0, 0, "2026-11-27 10:00:00")]


def test_next_week_extends_and_keeps_every_head(team):
    tmp, db = team
    merge.merge(db, bundle_file(tmp, 2), NOW)
    done = merge.merge(db, bundle_file(tmp, 2, week=WEEK.shift(1)), NOW)
    assert (done.replay, done.seq) == (False, 2)
    assert db.execute("SELECT week, ledger_seq FROM team_heads ORDER BY id").fetchall() == [
        ("2026-W47", 1), ("2026-W48", 2)]
    assert db.execute("SELECT count(*) FROM signoffs WHERE manager = '经理2'").fetchone() == (2,)


def test_replays_are_no_ops(team):
    tmp, db = team
    older = bundle_file(tmp, 2)
    newer = bundle_file(tmp, 2, week=WEEK.shift(1))
    merge.merge(db, older, NOW)
    merge.merge(db, newer, NOW)
    before = dump(db)
    assert merge.merge(db, newer, NOW).replay  # the same bundle again
    assert merge.merge(db, older, NOW).replay  # an older week's, after a newer one
    assert dump(db) == before


def test_an_edited_row_is_refused_naming_it(team):
    tmp, db = team
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2"))
    edited = edit_snapshot(parts, tmp, "UPDATE deliveries SET policy_no = 'Q17'")
    line = refused(db, bundle_file(tmp, 2, resign(edited, tmp / "k2"), name="edited.zip"))
    assert "经理2" in line and "sign-off 1" in line and "edited.zip" in line


def test_a_snapshot_changed_after_signing_is_refused(team):
    tmp, db = team
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2"))
    edited = edit_snapshot(parts, tmp, "UPDATE outlets SET tier = 'A'")
    line = refused(db, bundle_file(tmp, 2, repack(edited), name="changed.zip"))
    assert "changed after signing" in line and "经理2" in line


def test_a_wrong_key_is_refused(team):
    tmp, db = team
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2"))
    # Manager 3's key signs a manifest that claims manager 2's key.
    line = refused(db, bundle_file(tmp, 2, resign(parts, tmp / "k3"), name="wrong.zip"))
    assert "signature does not match" in line and "经理2" in line


def test_an_unregistered_key_is_refused(team):
    tmp, db = team
    build_manager(tmp / "m4.db", 1)
    line = refused(db, bundle_file(tmp, 4, make_bundle(tmp / "m4.db", 1, tmp / "k4")))
    assert "not registered" in line


def test_rewritten_history_with_every_hash_recomputed_is_refused(team):
    tmp, db = team
    merge.merge(db, bundle_file(tmp, 2), NOW)
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2", week=WEEK.shift(1)))
    forged = edit_snapshot(parts, tmp, "UPDATE deliveries SET policy_no = 'Q99' "
                           "WHERE policy_no = 'Q18'", relink=True)
    line = refused(db, bundle_file(tmp, 2, resign(forged, tmp / "k2"), name="forged.zip"))
    assert "rewritten" in line and "link 1 (sign-off 1)" in line and "经理2" in line


def test_a_truncated_tail_is_refused(team):
    tmp, db = team
    merge.merge(db, bundle_file(tmp, 2, week=WEEK.shift(1)), NOW)
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2", week=WEEK.shift(2)))
    cut = edit_snapshot(parts, tmp, "DELETE FROM ledger WHERE seq = 2",
                        "DELETE FROM signoff_lines WHERE signoff_id = 2",
                        "DELETE FROM signoffs WHERE id = 2")
    line = refused(db, bundle_file(tmp, 2, resign(cut, tmp / "k2"), name="cut.zip"))
    assert "cut" in line and "link 2 (sign-off 2)" in line


@pytest.mark.parametrize("damage", ["not a zip", "half", "no manifest", "bad json"])
def test_a_corrupt_file_is_refused(team, damage):
    tmp, db = team
    data = make_bundle(tmp / "m2.db", 2, tmp / "k2")
    parts = members(data)
    broken = {"not a zip": b"hello", "half": data[: len(data) // 2],
              "no manifest": repack({k: v for k, v in parts.items()
                                     if k != bundle.MANIFEST}),
              "bad json": repack({**parts, bundle.MANIFEST: b"{"})}[damage]
    line = refused(db, bundle_file(tmp, 2, broken, name="bad.zip"))
    assert "not a whole bundle" in line


def test_a_wrong_format_version_is_refused(team):
    tmp, db = team
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2"))
    line = refused(db, bundle_file(tmp, 2, resign(parts, tmp / "k2", format=2),
                                   name="v2.zip"))
    assert "format 2" in line


def test_registering_twice_is_refused(team):
    tmp, db = team
    with pytest.raises(WorkbenchError):
        merge.add_manager(db, "经理1", public_key(tmp / "k9"), NOW)
    with pytest.raises(WorkbenchError):
        merge.add_manager(db, "别人", public_key(tmp / "k1"), NOW)


def test_the_manifest_rules_drive_the_figures(team):
    tmp, db = team
    merge.merge(db, bundle_file(tmp, 1), NOW)
    rules = json.loads(db.execute("SELECT rules FROM team_managers WHERE manager = '经理1'"
                                  ).fetchone()[0])
    assert rules["manager"] == {"grade": 10, "share_mood": True}


def test_a_truncated_tail_for_the_same_week_is_refused_too(team):
    """Only an earlier week's bundle may hold less than what was accepted."""
    tmp, db = team
    data = make_bundle(tmp / "m2.db", 2, tmp / "k2", week=WEEK.shift(1))
    merge.merge(db, bundle_file(tmp, 2, data, name="w48.zip"), NOW)
    cut = edit_snapshot(members(data), tmp, "DELETE FROM ledger WHERE seq = 2",
                        "DELETE FROM signoff_lines WHERE signoff_id = 2",
                        "DELETE FROM signoffs WHERE id = 2")
    line = refused(db, bundle_file(tmp, 2, resign(cut, tmp / "k2"), name="cut48.zip"))
    assert "cut" in line and "link 2 (sign-off 2)" in line


def test_moods_leave_the_team_when_a_manager_stops_sharing(team):
    """Shared in W47, not in W48: the moods go, and W47's average is no longer shown."""
    import dataclasses

    from tests.team_helpers import config_for
    from workbench.core.config import ManagerConfig
    from workbench.team import dashboard

    tmp, db = team
    sharing = config_for(1)
    stopped = dataclasses.replace(sharing, manager=ManagerConfig(name="经理1", grade=10))
    for week, config in ((WEEK, sharing), (WEEK.shift(1), stopped)):
        data, _, _ = bundle.make_bundle(tmp / "m1.db", week, config, tmp / "k1",
                                        datetime(2026, 11, 30, 9))
        merge.merge(db, bundle_file(tmp, 1, data, week=week), NOW)
    assert db.execute("SELECT count(*) FROM moods").fetchone() == (0,)
    sql = dashboard.QUERIES["mood"][4].format(week=dashboard.CANNED_WEEK)
    assert db.execute(sql, {"week": "2026-W47"}).fetchall() == []
    assert db.execute("SELECT value FROM team_figures WHERE key = 'mood_average'"
                      ).fetchall() == [(70.0,)]  # kept, but not shown


def test_a_signed_snapshot_that_is_not_a_database_is_refused(team):
    import hashlib

    tmp, db = team
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2"))
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["snapshot"]["sha256"] = hashlib.sha256(b"garbage").hexdigest()
    body = json.dumps(manifest).encode()
    from workbench.team import keys

    key, _ = keys.load_or_create(tmp / "k2")
    data = repack({bundle.SNAPSHOT: b"garbage", bundle.MANIFEST: body,
                   bundle.SIGNATURE: keys.sign(key, body)})
    line = refused(db, bundle_file(tmp, 2, data, name="garbage.zip"))
    assert "cannot be read" in line and "经理2" in line


def test_a_week_not_over_is_figured_as_of_the_day_the_bundle_was_made(team):
    """Manager 3's W48 bundle made on Wednesday 11-25: X2 (due 10-31) is 25 days late, X1
    (due 11-25) not yet; at the week's end they would be 29 and 4."""
    from tests.team_helpers import config_for

    tmp, db = team
    data, _, _ = bundle.make_bundle(tmp / "m3.db", WEEK.shift(1), config_for(3), tmp / "k3",
                                    datetime(2026, 11, 25, 18, 0))
    merge.merge(db, bundle_file(tmp, 3, data, week=WEEK.shift(1)), NOW)
    assert db.execute("SELECT code, days_over FROM team_late_outlets WHERE manager = '经理3'"
                      ).fetchall() == [("X2", 25)]


def test_an_earlier_bundle_of_the_same_week_sent_late_is_a_no_op(team):
    tmp, db = team
    wednesday = make_bundle(tmp / "m2.db", 2, tmp / "k2", week=WEEK.shift(1),
                            made=datetime(2026, 11, 24, 12, 0))
    # The 11-25 sign-off happens after Wednesday's bundle: simulated by its cut copy.
    cut = edit_snapshot(members(wednesday), tmp, "DELETE FROM ledger WHERE seq = 2",
                        "DELETE FROM signoff_lines WHERE signoff_id = 2",
                        "DELETE FROM signoffs WHERE id = 2")
    early = bundle_file(tmp, 2, resign(cut, tmp / "k2"), name="wed.zip")
    merge.merge(db, bundle_file(tmp, 2, week=WEEK.shift(1)), NOW)
    before = dump(db)
    assert merge.merge(db, early, NOW).replay
    assert dump(db) == before


@pytest.mark.parametrize("change", [
    {"manager": {"name": "x", "public_key": "zz" * 32}},
    {"period": {"week": "2026-W47", "start": "2026-13-01", "end": "2026-11-22"}},
    {"rules": {"manager": {"grade": 99}}},
    {"made_at": 5},
])
def test_a_signed_manifest_with_bad_parts_is_refused(team, change):
    """A manifest signed by a registered key but whose parts make no sense: one line."""
    tmp, db = team
    parts = members(make_bundle(tmp / "m2.db", 2, tmp / "k2"))
    body = resign(parts, tmp / "k2", **{k: v for k, v in change.items() if k != "manager"})
    if "manager" in change:  # resign() keeps the key it signs with; this one claims another
        fixed = members(body)
        m = json.loads(fixed[bundle.MANIFEST])
        m["manager"] = change["manager"]
        raw = json.dumps(m).encode()
        from workbench.team import keys

        key, _ = keys.load_or_create(tmp / "k2")
        body = repack({**fixed, bundle.MANIFEST: raw, bundle.SIGNATURE: keys.sign(key, raw)})
    before = dump(db)
    with pytest.raises(WorkbenchError):
        merge.merge(db, bundle_file(tmp, 2, body, name="odd.zip"), NOW)
    assert dump(db) == before
