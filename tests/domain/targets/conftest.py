"""Two outlets the target tests sell at (CCB-1, ICBC-2)."""

from __future__ import annotations

import pytest

from tests.conftest import NOW
from workbench.roster import outlets


@pytest.fixture
def two(db):
    tiers = ["A", "B", "C"]
    return (outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建行朝阳支行"),
                               tiers, NOW),
            outlets.add_outlet(db, outlets.OutletDraft(code="ICBC-2", name="工行大兴支行"),
                               tiers, NOW))
