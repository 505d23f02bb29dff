"""The ``[fieldwork]`` and ``[visits] min_minutes`` keys: each range at its bounds."""

from __future__ import annotations

import tomllib

import pytest

from workbench.core import config as cfg
from workbench.core.errors import ConfigError


@pytest.mark.parametrize(("text", "ok"), [
    ("[fieldwork]\ntraining_days = 1", True),
    ("[fieldwork]\ntraining_days = 0", False),
    ("[fieldwork]\ntraining_days = 366", True),
    ("[fieldwork]\ntraining_days = 367", False),
    ("[fieldwork]\ndisplay_days = 0", False),
    ("[fieldwork]\ndisplay_days = 1", True),
    ("[fieldwork]\ntopics = []", False),
    ("[fieldwork]\ntopics = ['理赔案例', '理赔案例']", False),
    ("[fieldwork]\ntopics = ['理赔案例']", True),
    ("[fieldwork]\ndisplay_items = ['']", False),
    ("[fieldwork]\ndisplay_items = ['易拉宝']", True),
    ("[fieldwork]\nnap = 1", False),
    ("[visits]\nmin_minutes = 0", True),
    ("[visits]\nmin_minutes = -1", False),
    ("[visits]\nmin_minutes = 720", True),
    ("[visits]\nmin_minutes = 721", False),
])
def test_the_keys_are_range_checked(text, ok):
    data = tomllib.loads(text)
    if ok:
        cfg.from_dict(data)
    else:
        with pytest.raises(ConfigError):
            cfg.from_dict(data)
