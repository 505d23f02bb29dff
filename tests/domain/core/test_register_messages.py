"""Every message the register builds from a name (kind.<k>, deliveries.col.<c>, ...) exists
in both languages for the configured values."""

from __future__ import annotations

from workbench.core import i18n
from workbench.core.config import Config
from workbench.screens.register.register import COLUMNS, VIEWS


def test_built_keys_exist():
    cfg = Config().deliveries
    keys = [f"kind.{k}" for k in cfg.kinds] + [f"check.{c}" for c in cfg.review_checklist]
    keys += [f"deliveries.col.{c}" for cols in COLUMNS.values() for c in cols]
    keys += [f"deliveries.view.{v}" for v in VIEWS]
    keys += [f"deliveries.status.{s}" for s in ("awaiting", "signed", "voided")]
    keys += [f"deliveries.error.line_{s}" for s in ("awaiting", "signed", "voided")]
    keys += [f"apps.status.{s}" for s in ("collected", "passed", "returned", "handed_over")]
    for event in ("receipt", "callback"):
        keys += [f"due.{event}", f"due.{event}_title", f"due.{event}_noted",
                 f"deliveries.error.{event}_already"]
    keys += [f"palette.{c}_help" for c in ("sign", "log")]
    keys += [f"check.chain_{p}" for p in ("prev_hash", "hash")]
    catalogue = i18n.catalogue()
    missing = [k for k in keys if k not in catalogue]
    assert missing == []
    for key in keys:
        zh, en = catalogue[key]
        assert zh.strip() and en.strip() and zh != en, key
