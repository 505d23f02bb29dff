"""Domain tests of the career plan: goals by horizon and angle, status, review day."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import NOW, TODAY
from workbench.assessment import career
from workbench.core.errors import ValidationError


def test_career_goals(db):
    gid = career.add_career_goal(db, "short", "career", "晋升到9级", "", "", NOW)
    career.update_career_goal(db, gid, "short", "career", "晋升到9级", "in_progress",
                              "2026-11-27", TODAY)
    goal = career.get_career_goal(db, gid)
    assert goal.status == "in_progress" and goal.reviewed_on == TODAY
    with pytest.raises(ValidationError):
        career.add_career_goal(db, "forever", "career", "x", "", "", NOW)
    with pytest.raises(ValidationError):
        career.add_career_goal(db, "mid", "career", "", "", "", NOW)
    with pytest.raises(ValidationError):
        career.add_career_goal(db, "mid", "career", "x", "", "2026-12-01",
                               datetime(2026, 11, 27, 9))
    assert len(career.career_goals(db)) == 1
