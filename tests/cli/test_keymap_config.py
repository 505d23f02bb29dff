"""A bad ``[keymap]`` stops the app before it opens: one line naming the key, exit 2."""

from __future__ import annotations

import pytest

from workbench.app import WorkbenchApp
from workbench.cli import main


@pytest.fixture
def app_never_opens(monkeypatch):
    def opened(self, *args, **kwargs):
        raise AssertionError("the app opened on a config it should have refused")

    monkeypatch.setattr(WorkbenchApp, "run", opened)


@pytest.mark.parametrize("lang,keymap,expected", [
    ("en", "{ roster_ad = 'n' }", "unknown key keymap.roster_ad"),
    ("zh", "{ roster_ad = 'n' }", "未知的键 keymap.roster_ad"),
    ("en", "{ roster_add = '' }", 'keymap.roster_add cannot be ""'),
    ("zh", "{ roster_add = '' }", 'keymap.roster_add 的值 "" 不可用'),
])
def test_a_bad_keymap_is_one_line_and_exit_2(tmp_path, capsys, app_never_opens, lang, keymap,
                                             expected):
    config = tmp_path / "config.toml"
    config.write_text(f"keymap = {keymap}\n", "utf-8")
    code = main(["--config", str(config), "--lang", lang, "--db", str(tmp_path / "wb.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert str(config) in err
    assert not (tmp_path / "wb.db").exists()  # refused before anything was opened
