"""``[calendar]``: the zone must be one the zone database knows, the alarm a clock time."""

from __future__ import annotations

import pytest

from workbench.core import config as cfg


def load(tmp_path, text: str) -> cfg.Config:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    return cfg.load(path)


def test_defaults():
    assert cfg.Config().calendar == cfg.CalendarConfig("Asia/Shanghai", "08:30")


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Asia/Hong_Kong", "Europe/Berlin", "UTC"])
def test_known_zones(tmp_path, zone):
    assert load(tmp_path, f'[calendar]\ntimezone = "{zone}"\n').calendar.timezone == zone


@pytest.mark.parametrize("zone", ["", "Asia", "asia/shanghai", "Asia/Shanghai ", "Mars/Base",
                                  "../etc/passwd", "/etc/localtime"])
def test_unknown_zones_name_the_key(tmp_path, zone):
    with pytest.raises(cfg.ConfigError) as info:
        load(tmp_path, f'[calendar]\ntimezone = "{zone}"\n')
    assert "calendar.timezone" in str(info.value)


@pytest.mark.parametrize(("alarm", "ok"), [("00:00", True), ("23:59", True), ("24:00", False),
                                           ("8:30", False), ("08:60", False), ("", False),
                                           ("morning", False)])
def test_alarm_is_a_clock_time(tmp_path, alarm, ok):
    text = f'[calendar]\nalarm = "{alarm}"\n'
    if ok:
        assert load(tmp_path, text).calendar.alarm == alarm
    else:
        with pytest.raises(cfg.ConfigError) as info:
            load(tmp_path, text)
        assert "calendar.alarm" in str(info.value)
