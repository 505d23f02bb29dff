"""The catalogue: complete in both languages, every key used exists, CJK-aware alignment."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from rich.cells import cell_len

from workbench.core import i18n

SRC = Path(__file__).resolve().parents[3] / "src" / "workbench"


def test_every_key_has_both_languages():
    for key, (zh, en) in i18n.catalogue().items():
        assert zh.strip(), f"{key}: zh missing"
        assert en.strip(), f"{key}: en missing"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_take_the_same_parameters():
    for key, (zh, en) in i18n.catalogue().items():
        # {s} is English's plural, filled from {count}.
        assert placeholders(zh) == placeholders(en) - {"s"}, key
        assert "s" not in placeholders(en) or "count" in placeholders(en), key


def test_an_english_plural_follows_the_count():
    previous = i18n.language()
    try:
        i18n.set_language("en")
        assert i18n.t("plan.doc.forms", count=1) == "1 form"
        assert i18n.t("plan.doc.forms", count=2) == "2 forms"
        assert i18n.t("plan.doc.lines", count=0) == "0 lines"
        i18n.set_language("zh")
        assert i18n.t("plan.doc.forms", count=1) == "1 份"
    finally:
        i18n.set_language(previous)


def test_every_literal_key_used_in_the_code_exists():
    catalogue = i18n.catalogue()
    used = set()
    pattern = re.compile(
        r'(?:\bt|Error)\(\s*(?:"[^"]*",\s*)?"([a-z_]+\.[a-z0-9_.]+)"'
        r'|"(key\.[a-z_]+)"|"(error\.[a-z_]+)"')
    for path in SRC.rglob("*.py"):
        if "messages" in path.parts:
            continue
        for match in pattern.finditer(path.read_text("utf-8")):
            used.update(k for k in match.groups() if k)
    assert {"key.quit", "error.required", "roster.overdue"} <= used  # the scan sees keys
    missing = sorted(k for k in used if k not in catalogue)
    assert not missing, missing


def test_auto_language_follows_the_locale(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.resolve_language("auto") == "zh"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.resolve_language("auto") == "en"
    assert i18n.resolve_language("zh") == "zh"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "C.UTF-8"}, "en"),  # the README's own container locale: not Chinese
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins
        ({"LC_ALL": "zh_CN.GB18030", "LANG": "C"}, "zh"),
        ({"LC_ALL": "", "LANG": "zh_SG.UTF-8"}, "zh"),  # an empty variable is unset
    ],
)
def test_auto_language_precedence(monkeypatch, env, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.resolve_language("auto") == expected
    i18n.set_language("auto")
    assert i18n.language() == expected


def test_translation_switches_language():
    i18n.set_language("zh")
    assert i18n.t("key.quit") == "退出"
    i18n.set_language("en")
    assert i18n.t("key.quit") == "Quit"
    assert i18n.t("roster.overdue", days=3) == "3 d overdue"


def test_cjk_columns_align_by_cell_width():
    lines = i18n.columns([["网点", "A"], ["建设银行朝阳支行", "B"], ["ICBC", "C"]])
    positions = {cell_len(line[: line.rindex(line[-1])]) for line in lines}
    assert len(positions) == 1
    assert i18n.pad("中文", 6) == "中文  "
    assert i18n.pad("7", 3, "right") == "  7"
