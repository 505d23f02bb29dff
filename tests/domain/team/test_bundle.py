"""``workbench bundle``: the key, the signed manifest, the cut at the week's end, masking."""

from __future__ import annotations

import json
import re
import sqlite3
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.team_helpers import (
    CUSTOMERS,
    WEEK,
    build_manager,
    make_bundle,
    members,
    public_key,
)
from workbench.core.errors import WorkbenchError
from workbench.register import chain, ledger
from workbench.team import bundle, keys
from workbench.team.masking import PLAIN


def snapshot_of(data: bytes, tmp_path):
    path = tmp_path / "snap.db"
    path.write_bytes(members(data)[bundle.SNAPSHOT])
    return path


def test_key_made_once_owner_only(tmp_path):
    first, made = keys.load_or_create(tmp_path)
    again, made_again = keys.load_or_create(tmp_path)
    assert made and not made_again
    assert keys.public_hex(first) == keys.public_hex(again)
    assert stat.S_IMODE((tmp_path / keys.KEY_FILE).stat().st_mode) == 0o600
    assert len(keys.fingerprint(keys.public_hex(first)).replace(" ", "")) == 16
    assert keys.salt(tmp_path) == keys.salt(tmp_path)  # kept: the same every week
    assert stat.S_IMODE((tmp_path / keys.SALT_FILE).stat().st_mode) == 0o600


def test_a_damaged_key_is_one_line(tmp_path):
    (tmp_path / keys.KEY_FILE).write_text("not a key")
    with pytest.raises(WorkbenchError) as caught:
        keys.load_or_create(tmp_path)
    assert caught.value.key == "team.key_unreadable"


@pytest.mark.parametrize("typed", ["", "zz" * 32, "ab" * 31, "ab" * 33])
def test_a_public_key_must_be_32_bytes_of_hex(typed):
    with pytest.raises(WorkbenchError):
        keys.parse_public(typed)


def test_round_trip_signature_and_heads(tmp_path):
    build_manager(tmp_path / "m2.db", 2)
    data = make_bundle(tmp_path / "m2.db", 2, tmp_path / "k")
    parts = members(data)
    manifest = json.loads(parts[bundle.MANIFEST])
    assert keys.verifies(public_key(tmp_path / "k"), parts[bundle.MANIFEST],
                         parts[bundle.SIGNATURE])
    assert manifest["period"] == {"week": "2026-W47", "start": "2026-11-16",
                                  "end": "2026-11-22", "cut_at_week_end": True}
    assert manifest["manager"]["name"] == "经理2"
    snap = snapshot_of(data, tmp_path)
    import hashlib

    assert hashlib.sha256(snap.read_bytes()).hexdigest() == manifest["snapshot"]["sha256"]
    db = bundle.on(sqlite3.connect(snap))
    # The project's own verification holds on the masked, re-linked snapshot.
    signoffs, report = chain.verify_chain(db), ledger.verify(db)
    assert signoffs.ok and report.ok
    # The sign-off of 11-25 is after the week: cut, with its ledger link.
    assert signoffs.count == 1 and report.head.seq == 1
    assert manifest["chains"]["ledger"] == {"seq": 1, "head": report.head.hash,
                                            "counts": {"signoff": 1}}
    assert manifest["source_chains"]["ledger"]["seq"] == 1
    # The line delivered on 11-25 is gone too; the one of 11-18 stays.
    assert [r[0] for r in db.execute("SELECT policy_no FROM deliveries")] == ["Q18"]


def test_the_whole_history_after_the_week(tmp_path):
    build_manager(tmp_path / "m2.db", 2)
    data = make_bundle(tmp_path / "m2.db", 2, tmp_path / "k", week=WEEK.shift(1))
    db = bundle.on(sqlite3.connect(snapshot_of(data, tmp_path)))
    assert chain.verify_chain(db).count == 2 and ledger.verify(db).ok


def test_a_file_edited_behind_the_app_makes_no_bundle(tmp_path):
    path = tmp_path / "m2.db"
    build_manager(path, 2)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER deliveries_no_update_signed")
    conn.execute("UPDATE deliveries SET policy_no = 'FAKE' WHERE policy_no = 'Q18'")
    conn.commit()
    conn.close()
    with pytest.raises(WorkbenchError) as caught:
        make_bundle(path, 2, tmp_path / "k")
    assert caught.value.key == "team.bundle_broken"
    assert "1" in str(caught.value)  # sign-off 1, named


def test_no_customer_name_or_phone_in_any_text_column(tmp_path, demo_template):
    """Every customer name and phone of the demo's file, searched in every text cell."""
    import shutil

    from workbench.core.config import Config

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    source = sqlite3.connect(path)
    secrets = set()
    for sql in ("SELECT customer_name FROM policies", "SELECT customer_phone FROM policies",
                "SELECT customer FROM deliveries", "SELECT applicant FROM applications",
                "SELECT customer FROM contacts"):
        secrets |= {r[0] for r in source.execute(sql) if r[0] and len(r[0]) >= 2}
    # The demo's names are drawn from one list: a customer may share a bank teller's
    # name, and the bank's staff go by name on purpose (they sign at the counter).
    secrets -= {r[0] for r in source.execute("SELECT name FROM staff")}
    source.close()
    assert len(secrets) > 20
    data, _, _ = bundle.make_bundle(path, WEEK.shift(1), Config(), tmp_path / "k",
                                    __import__("datetime").datetime(2026, 11, 27, 9, 30))
    snap = sqlite3.connect(snapshot_of(data, tmp_path))
    found = []
    tables = [r[0] for r in snap.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in snap.execute(f'SELECT * FROM "{table}"'):
            found += [(table, value) for value in row
                      if isinstance(value, str) and any(s in value for s in secrets)]
    assert found == []
    # The manager's own notes and plans stay home; the roster and the register go.
    for private in ("tasks", "contacts", "setbacks", "moods", "reviews"):
        assert snap.execute(f"SELECT count(*) FROM {private}").fetchone()[0] == 0
    assert snap.execute("SELECT count(*) FROM outlets").fetchone()[0] > 0


def test_fixture_customers_masked_and_repeat_customers_hash_alike(tmp_path):
    build_manager(tmp_path / "m1.db", 1)
    snaps = []
    for week in (WEEK, WEEK.shift(1)):
        data = make_bundle(tmp_path / "m1.db", 1, tmp_path / "k", week=week)
        snaps.append(sqlite3.connect(snapshot_of(data, tmp_path / ".." / tmp_path.name)))
        row = snaps[-1].execute("SELECT customer_name, customer_phone FROM policies").fetchone()
        name, phone = CUSTOMERS[1]
        assert name not in row[0] and phone not in row[1] and row[0].startswith("#")
        snaps[-1] = row
    assert snaps[0] == snaps[1]  # the same salt: the same customer, the same hash


def test_moods_only_when_shared(tmp_path):
    build_manager(tmp_path / "m1.db", 1)
    build_manager(tmp_path / "m2.db", 2)
    one = sqlite3.connect(snapshot_of(make_bundle(tmp_path / "m1.db", 1, tmp_path / "k1"),
                                      tmp_path))
    assert one.execute("SELECT day, score FROM moods ORDER BY day").fetchall() == [
        ("2026-11-16", 80), ("2026-11-17", 60)]
    # The note named a customer and a phone: a salted hash now.
    assert one.execute("SELECT note FROM moods WHERE day = '2026-11-16'").fetchone()[0][0] == "#"
    one.close()
    two = sqlite3.connect(snapshot_of(make_bundle(tmp_path / "m2.db", 2, tmp_path / "k2"),
                                      tmp_path))
    assert two.execute("SELECT count(*) FROM moods").fetchone()[0] == 0


def test_every_plain_column_exists():
    """The allow-list names real columns (a renamed one would be masked, not leak)."""
    from workbench.team.schema import TABLES

    for table, plain in PLAIN.items():
        if table in TABLES:
            assert plain <= set(c.split()[0] for c in TABLES[table][0].split(", ")), table


def test_the_cut_is_the_weeks_last_second(tmp_path):
    """A sign-off recorded at 23:59:59 on the week's Sunday goes; one at 00:00:00 on
    Monday stays home with its ledger link, and its line is awaiting again."""
    from datetime import datetime

    from tests.team_helpers import TIERS, config_for
    from workbench.register import deliveries
    from workbench.roster import outlets
    from workbench.roster import staff as roster_staff
    from workbench.storage import open_db

    path = tmp_path / "m.db"
    db = open_db(path)
    created = datetime(2026, 11, 1, 9)
    x1 = outlets.add_outlet(db, outlets.OutletDraft(code="X1", name="网点", tier="A"), TIERS,
                            created)
    teller = roster_staff.add_staff(db, x1, roster_staff.StaffDraft(name="柜员", role="teller"),
                                    ["teller"], created)
    # Both lines delivered in the week; the second signed a second after it.
    for at in (datetime(2026, 11, 22, 23, 59, 59), datetime(2026, 11, 23, 0, 0, 0)):
        given = datetime(2026, 11, 22, 23, 0)
        line = deliveries.add_delivery(db, config_for(2), outlet_id=x1, kind="summary_sheet",
                                       quantity=5, delivered_at=given, now=given)
        chain.sign_off(db, outlet_id=x1, delivery_ids=[line], staff_id=teller, now=at)
    db.close()
    data = make_bundle(path, 2, tmp_path / "k")
    snap = bundle.on(sqlite3.connect(snapshot_of(data, tmp_path)))
    assert snap.execute("SELECT recorded_at FROM signoffs").fetchall() == [
        ("2026-11-22 23:59:59",)]
    # At the cut the second line was still awaiting its signature.
    assert snap.execute("SELECT count(*) FROM deliveries").fetchone() == (2,)
    assert snap.execute("SELECT delivery_id FROM open_lines").fetchall() == [(2,)]
    assert ledger.verify(snap).ok and ledger.head(snap).seq == 1


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()),
       salt=st.binary(min_size=1, max_size=16))
def test_a_masked_cell_is_a_salted_hash_whatever_was_typed(text, salt):
    """Any text in a column not on the allow-list leaves as '#' + 12 hex, the same for
    the same salt, and nothing of it in the clear."""
    from workbench.team import masking

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE deliveries (id INTEGER, kind TEXT, customer TEXT, note)")
    conn.execute("INSERT INTO deliveries VALUES (1, 'k', ?, ?)", [text, text])
    masking.mask_tables(conn, salt)
    customer, note = conn.execute("SELECT customer, note FROM deliveries").fetchone()
    assert customer == note == masking.salted(text, salt)
    assert re.fullmatch(r"#[0-9a-f]{12}", customer)
    assert conn.execute("SELECT kind FROM deliveries").fetchone() == ("k",)


@given(raw=st.binary(min_size=32, max_size=32), cuts=st.lists(st.integers(0, 64), max_size=4))
def test_a_public_key_typed_with_spaces(raw, cuts):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public = keys.public_hex(Ed25519PrivateKey.from_private_bytes(raw))
    typed = public
    for at in sorted(set(cuts), reverse=True):
        typed = typed[:at] + " " + typed[at:]
    assert keys.parse_public(typed.upper()) == public


@pytest.mark.parametrize(("name", "file"), [
    ("王芳", "bundle-王芳-2026-W47.zip"), ("a/b\\c", "bundle-a_b_c-2026-W47.zip"),
    ("../x", "bundle-x-2026-W47.zip"), ("..", "bundle-manager-2026-W47.zip")])
def test_the_default_file_name_is_never_a_path(name, file):
    manifest = {"manager": {"name": name, "fingerprint": "ab12 cd34"},
                "period": {"week": "2026-W47"}}
    assert bundle.default_name(manifest) == file


def test_relinking_is_refused_on_a_managers_own_file(tmp_path):
    """``relink`` is for a bundle's copy: the append-only guards refuse it on the file."""
    from workbench.register import ledger as ledger_mod
    from workbench.storage import open_db

    build_manager(tmp_path / "m2.db", 2)
    db = open_db(tmp_path / "m2.db")
    try:
        for relink in (chain.relink, ledger_mod.relink):
            with pytest.raises(sqlite3.DatabaseError):
                with db.atomic():
                    relink(db)
        assert chain.verify_chain(db).ok and ledger_mod.verify(db).ok
    finally:
        db.close()


def test_a_file_rewritten_with_every_hash_recomputed_makes_no_bundle(tmp_path):
    """The forger recomputes both chains in the file itself: the outside witness, which
    the bundle's proof compares, still remembers the old head."""
    from workbench.register import ledger as ledger_mod

    path = tmp_path / "m2.db"
    build_manager(path, 2)
    conn = sqlite3.connect(path, isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("UPDATE deliveries SET customer = '别人' WHERE policy_no = 'Q18'")
    db = bundle.on(conn)
    chain.relink(db)
    ledger_mod.relink(db)
    assert chain.verify_chain(db).ok and ledger_mod.verify(db).ok  # the file alone looks fine
    conn.close()
    with pytest.raises(WorkbenchError) as caught:
        make_bundle(path, 2, tmp_path / "k")
    assert caught.value.key == "team.bundle_broken"


def test_a_link_written_out_of_time_order_stays_when_the_chain_needs_it(tmp_path):
    """Sign-offs recorded 11-20, 11-25 (after the week), 11-21: the week's last link is
    the third, so the second stays too; a fourth, on 11-26, goes."""
    from datetime import datetime

    from tests.team_helpers import TIERS, config_for
    from workbench.register import deliveries
    from workbench.roster import outlets
    from workbench.roster import staff as roster_staff
    from workbench.storage import open_db

    path = tmp_path / "m.db"
    db = open_db(path)
    created = datetime(2026, 11, 1, 9)
    x1 = outlets.add_outlet(db, outlets.OutletDraft(code="X1", name="网点", tier="A"), TIERS,
                            created)
    teller = roster_staff.add_staff(db, x1, roster_staff.StaffDraft(name="柜员", role="teller"),
                                    ["teller"], created)
    for day in (20, 25, 21, 26):
        at = datetime(2026, 11, day, 10)
        given = datetime(2026, 11, 19, 10)
        line = deliveries.add_delivery(db, config_for(2), outlet_id=x1, kind="summary_sheet",
                                       quantity=5, delivered_at=given, now=at)
        chain.sign_off(db, outlet_id=x1, delivery_ids=[line], staff_id=teller, now=at)
    db.close()
    snap = bundle.on(sqlite3.connect(snapshot_of(make_bundle(path, 2, tmp_path / "k"),
                                                 tmp_path)))
    assert [r[0][:10] for r in snap.execute("SELECT recorded_at FROM signoffs ORDER BY id")
            ] == ["2026-11-20", "2026-11-25", "2026-11-21"]
    assert ledger.verify(snap).ok and chain.verify_chain(snap).ok
