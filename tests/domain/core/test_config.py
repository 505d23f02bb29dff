"""Config: the repository's config.toml equals the defaults; bad files name the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from workbench.cli import main
from workbench.core import config as cfg

ROOT = Path(__file__).resolve().parents[3]


def test_repository_config_equals_builtin_defaults():
    assert cfg.load(ROOT / "config.toml") == cfg.Config()
    # ...and documents every key: each key of the defaults appears in the file.
    data = tomllib.loads((ROOT / "config.toml").read_text("utf-8"))
    assert set(data) == set(cfg.to_dict(cfg.Config()))


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("text,needle", [
    ("langauge = 'zh'", "langauge"),
    ("[manager]\ngrade = 'ten'", "manager.grade"),
    ("[manager]\ngrade = true", "manager.grade"),
    ("[manager]\ngrade = 14", "manager.grade"),
    ("[visits]\ncadence_days = { A = 'weekly' }", "visits.cadence_days.A"),
    ("[visits]\ncadense_days = {}", "visits.cadense_days"),
    ("manager = 3", "manager"),
    ("language = 'fr'", "language"),
    ("language = ", "TOML"),
    # [keymap]: an id no binding declares, a key that is empty or has spaces in it.
    ("keymap = { roster_ad = 'n' }", "unknown key keymap.roster_ad"),
    ("keymap = { mode_outlets = '2,o', Roster_add = 'n' }", "unknown key keymap.Roster_add"),
    ("keymap = { roster_add = '' }", 'keymap.roster_add cannot be ""'),
    ("keymap = { roster_add = ' ' }", "keymap.roster_add cannot be"),
    ("keymap = { roster_add = 'n,' }", 'keymap.roster_add cannot be "n,"'),
    ("keymap = { roster_add = ',n' }", "keymap.roster_add cannot be"),
    ("keymap = { roster_add = 'n, f2' }", 'keymap.roster_add cannot be "n, f2"'),
    ("keymap = { roster_add = 3 }", "keymap.roster_add must be str"),
])
def test_bad_config_names_the_key(tmp_path, text, needle):
    with pytest.raises(cfg.ConfigError) as info:
        cfg.load(write(tmp_path, text))
    assert needle in str(info.value)


def test_partial_sections_keep_other_defaults(tmp_path):
    loaded = cfg.load(write(tmp_path, "[manager]\nname = '李明'\n"))
    assert loaded.manager == cfg.ManagerConfig(name="李明", grade=10)
    assert loaded.visits == cfg.VisitsConfig()


def test_search_order(tmp_path, monkeypatch):
    env_file = write(tmp_path, "language = 'zh'")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(env_file))
    assert cfg.load().language == "zh"
    other = tmp_path / "other.toml"
    other.write_text("language = 'en'", "utf-8")
    assert cfg.load(other).language == "en"  # --config wins over the environment
    monkeypatch.delenv("WORKBENCH_CONFIG")
    monkeypatch.setattr(cfg, "default_config_path", lambda: tmp_path / "missing.toml")
    assert cfg.load() == cfg.Config()


def test_unreadable_and_binary_config(tmp_path):
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(cfg.ConfigError, match="UTF-8"):
        cfg.load(binary)
    with pytest.raises(cfg.ConfigError, match="not found"):
        cfg.load(tmp_path / "nope.toml")


def test_cli_reports_config_error_in_one_line(tmp_path, capsys):
    path = write(tmp_path, "[manager]\ngrade = 'x'")
    assert main(["--config", str(path), "--lang", "en", "check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "manager.grade" in err and "Traceback" not in err


def test_save_round_trip_is_owner_only(tmp_path):
    config = cfg.Config(language="zh", manager=cfg.ManagerConfig(name="王芳", grade=3))
    path = tmp_path / "sub" / "config.toml"
    cfg.save(config, path)
    assert cfg.load(path) == config
    assert path.stat().st_mode & 0o777 == 0o600


names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(name=names, grade=st.integers(1, 13),
       cadence=st.dictionaries(st.sampled_from("ABCDE"), st.integers(1, 365), min_size=1))
def test_round_trip_through_tomli_w(name, grade, cadence):
    config = cfg.Config(manager=cfg.ManagerConfig(name=name, grade=grade),
                        visits=cfg.VisitsConfig(cadence_days=cadence))
    text = tomli_w.dumps(cfg.to_dict(config))
    assert cfg.from_dict(tomllib.loads(text)) == config


def test_keymap_takes_every_declared_id_with_one_key_or_several():
    from workbench.core.keymap import BINDING_IDS

    keymap = {binding_id: "f5" for binding_id in BINDING_IDS} | {"mode_outlets": "2,o,f2"}
    assert cfg.from_dict({"keymap": keymap}).keymap == keymap
    assert cfg.from_dict({"keymap": {"roster_add": "n"}}).keymap == {"roster_add": "n"}


# --- ranges (issue 14: values that passed the type check crashed later) -----------------

@pytest.mark.parametrize(("text", "ok"), [
    ("[visits]\ncadence_days = { A = 366 }", True),
    ("[visits]\ncadence_days = { A = 367 }", False),
    ("[visits]\ncadence_days = { A = 3000000 }", False),
    ("[visits]\ncadence_days = { A = 1 }", True),
    ("[visits]\ncadence_days = { A = 0 }", False),
    ("[visits]\ncadence_days = {}", False),
    ("[visits]\ncadence_days = { a = 7 }", False),
    ("[staff]\nroles = ['teller']", True),
    ("[staff]\nroles = []", False),
    ("[staff]\nroles = ['teller', 'teller']", False),
    ("[staff]\nroles = [' ']", False),
    ("[deliveries]\nreceipt_days = 366", True),
    ("[deliveries]\nreceipt_days = 367", False),
    ("[deliveries]\nstock_round_to = 1000000", True),
    ("[deliveries]\nstock_round_to = 1000001", False),
    ("[backup]\nkeep = 1000", True),
    ("[backup]\nkeep = 1001", False),
    ("[backup]\nkeep = 0", False),
    ("[plan]\nbirthday_days = 366", True),
    ("[plan]\nbirthday_days = 367", False),
    ("[goals]\nunit = 1000000000000", True),
    ("[goals]\nunit = 1000000000001", False),
    ("[goals]\nstandard_factors = { '100' = 100.0 }", True),
    ("[goals]\nstandard_factors = { '101' = 1.0 }", False),
    ("[goals]\nstandard_factors = { '1' = 100.5 }", False),
    ("[goals]\nstandard_factors = { '٣' = 1.0 }", False),
])
def test_every_number_and_list_in_the_config_is_range_checked(tmp_path, text, ok):
    if ok:
        cfg.load(write(tmp_path, text))
        return
    with pytest.raises(cfg.ConfigError) as info:
        cfg.load(write(tmp_path, text))
    key = text.split("\n")[1].split(" = ")[0]
    assert key in str(info.value)
