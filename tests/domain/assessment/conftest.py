"""The outlet the policies in the self-assessment tests are sold at (CCB-1)."""

from __future__ import annotations

import pytest

from tests.conftest import NOW
from workbench.roster import outlets


@pytest.fixture
def outlet(db):
    return outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建行朝阳支行"),
                              ["A", "B", "C"], NOW)
