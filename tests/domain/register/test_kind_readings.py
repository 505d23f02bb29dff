"""The delivery kinds' stored pinyin (register.kind_readings) is what core.text computes
for their Chinese names: the table cannot go stale when a name changes."""

from __future__ import annotations

from workbench.core.config import Config
from workbench.core.i18n import catalogue
from workbench.core.text import search_keys
from workbench.register.kind_readings import READINGS, readings


def test_every_built_in_kind_has_its_names_readings():
    names = catalogue()
    assert set(READINGS) == set(Config().deliveries.kinds)
    for kind, stored in READINGS.items():
        assert stored == search_keys(names[f"kind.{kind}"][0]), kind


def test_a_configured_kind_is_read_from_its_name():
    assert readings("理财手册").split()[0] == "lcsc"
    assert "licaishouce" in readings("理财手册").split()
    assert readings("leaflet") == ""  # an id without a Chinese name: nothing to read
